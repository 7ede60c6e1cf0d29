package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The GPIO drivers on the simulated board: pin edges go in through {@code POST /gpio/sim/{pin}},
 * and what a user sees comes out of {@code GET /sensor/status}.
 */
class GpioDriversTest extends OneDeviceTest {
    private static void configure(String json) throws Exception {
        HttpResponse<String> r = device.post("/sensor/configure", json);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(device.getJson("/sensor/status").get("armed").asBoolean(), "armed after " + json);
    }

    private static void pin(int pin, boolean high) throws Exception {
        HttpResponse<String> r = device.post("/gpio/sim/" + pin, "{\"high\":" + high + "}");
        assertEquals(200, r.statusCode(), r.body());
    }

    private static boolean triggered() throws Exception {
        return device.getJson("/sensor/status").get("triggered").asBoolean();
    }

    private static void awaitTriggered(boolean expected, String why) throws Exception {
        HotDeployTest.await(device, why, 3_000, () -> triggered() == expected);
    }

    /** Asserts that the sensor stays untriggered for a while, sampling the status all along. */
    private static void staysQuiet(long millis, String why) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            assertFalse(triggered(), why);
            Thread.sleep(20);
        }
    }

    @Test
    void reedTriggersWhenTheDoorOpensAndReleasesWhenItCloses() throws Exception {
        pin(22, false);
        configure("{\"type\":\"reed_switch\",\"hold_seconds\":0,\"calibration\":{\"debounce_ms\":0}}");
        assertEquals(22, device.getJson("/sensor/status").get("sensor").get("gpio").asInt(), "the type's default pin");
        pin(22, true);
        awaitTriggered(true, "door open");
        pin(22, false);
        awaitTriggered(false, "door closed");
    }

    @Test
    void reedWithInvertLogicTriggersOnLow() throws Exception {
        pin(22, true);
        configure("{\"type\":\"reed_switch\",\"invert_logic\":true,\"calibration\":{\"debounce_ms\":0}}");
        pin(22, false);
        awaitTriggered(true, "low is active when inverted");
        pin(22, true);
        awaitTriggered(false, "high releases when inverted");
    }

    @Test
    void hallWithInvertTriggersWhenTheMagnetArrives() throws Exception {
        pin(6, true);
        configure("{\"type\":\"hall_digital\",\"gpio\":6,\"invert_logic\":true,\"calibration\":{\"debounce_ms\":0}}");
        pin(6, false);
        awaitTriggered(true, "magnet near");
        pin(6, true);
        awaitTriggered(false, "magnet gone");
    }

    @Test
    void debounceIgnoresChatter() throws Exception {
        pin(22, false);
        configure("{\"type\":\"reed_switch\",\"calibration\":{\"debounce_ms\":300}}");
        for (int i = 0; i < 5; i++) {
            pin(22, true);
            pin(22, false);
        }
        staysQuiet(700, "chatter shorter than the debounce time must not trigger");
        pin(22, true);
        awaitTriggered(true, "a level held longer than the debounce");
    }

    @Test
    void pirIgnoresMotionDuringWarmUpAndConfirmsBySampling() throws Exception {
        pin(17, false);
        configure("{\"type\":\"pir\",\"calibration\":{\"warmup_seconds\":1,\"sensitivity\":10,\"debounce_ms\":0}}");
        pin(17, true);
        pin(17, false);
        staysQuiet(1_300, "motion during warm-up is ignored");
        pin(17, true);
        awaitTriggered(true, "motion after warm-up");
        pin(17, false);
        awaitTriggered(false, "motion ended");
    }

    @Test
    void pirAtLowSensitivityRejectsAGlitch() throws Exception {
        pin(17, false);
        configure("{\"type\":\"pir\",\"calibration\":{\"warmup_seconds\":0,\"sensitivity\":1,\"debounce_ms\":0}}");
        pin(17, true);
        pin(17, false);
        staysQuiet(500, "a glitch shorter than the sampling is rejected");
        pin(17, true);
        awaitTriggered(true, "sustained motion");
        pin(17, false);
    }

    @Test
    void vibrationCountsPulsesWithinTheWindowAndReleasesAfterIt() throws Exception {
        pin(5, true);
        configure("{\"type\":\"vibration\",\"hold_seconds\":0,"
                + "\"calibration\":{\"pulse_count\":3,\"pulse_window\":1,\"debounce_ms\":0}}");
        pulse(5);
        pulse(5);
        staysQuiet(200, "two pulses are below pulse_count");
        pulse(5);
        awaitTriggered(true, "the third pulse within the window");
        long triggeredAt = System.currentTimeMillis();
        HotDeployTest.await(device, "release after the window", 3_000, () -> !triggered());
        assertTrue(System.currentTimeMillis() - triggeredAt >= 800, "released about pulse_window after the last pulse");
    }

    @Test
    void vibrationPulsesSpreadBeyondTheWindowDoNotTrigger() throws Exception {
        pin(5, true);
        configure("{\"type\":\"vibration\",\"calibration\":{\"pulse_count\":3,\"pulse_window\":1,\"debounce_ms\":0}}");
        for (int i = 0; i < 4; i++) {
            pulse(5);
            staysQuiet(600, "pulses 600 ms apart never make three within one second");
        }
    }

    @Test
    void vibrationWithInvertLogicCountsPulsesThatDriveTheLineHigh() throws Exception {
        pin(5, false);
        configure("{\"type\":\"vibration\",\"hold_seconds\":0,\"invert_logic\":true,"
                + "\"calibration\":{\"pulse_count\":2,\"pulse_window\":1,\"debounce_ms\":0}}");
        pin(5, true);
        Thread.sleep(5);
        pin(5, false);
        staysQuiet(200, "one pulse is below pulse_count, and the edge back to low is not a pulse");
        pin(5, true);
        awaitTriggered(true, "the second edge to high within the window");
        pin(5, false);
    }

    private static void pulse(int pin) throws Exception {
        pin(pin, false);
        Thread.sleep(5);
        pin(pin, true);
    }

    @Test
    void wiringTestReadsThePinWithoutDisturbingTheSensor() throws Exception {
        pin(22, false);
        configure("{\"type\":\"reed_switch\",\"calibration\":{\"debounce_ms\":0}}");
        pin(24, true);
        JsonNode r = device.json(device.post("/sensor/test", "{\"type\":\"pir\",\"gpio\":24}"));
        assertTrue(r.get("value").asBoolean(), r.toString());
        assertEquals(24, r.get("gpio").asInt());
        r = device.json(device.post("/sensor/test", "{\"type\":\"reed_switch\"}"));
        assertFalse(r.get("value").asBoolean(), "the active sensor's own pin, read from the shared line");
        assertTrue(device.getJson("/sensor/status").get("armed").asBoolean());
        pin(22, true);
        awaitTriggered(true, "the sensor still works after the test read");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"pir\",\"calibration\":{\"sensitivity\":11}}        | calibration.sensitivity must be a number from 1 to 10",
            "{\"type\":\"pir\",\"calibration\":{\"sensitivity\":0}}         | calibration.sensitivity must be a number from 1 to 10",
            "{\"type\":\"pir\",\"calibration\":{\"warmup_seconds\":121}}    | calibration.warmup_seconds must be a number from 0 to 120",
            "{\"type\":\"vibration\",\"calibration\":{\"pulse_count\":2.5}} | calibration.pulse_count must be a whole number from 1 to 20",
            "{\"type\":\"vibration\",\"calibration\":{\"pulse_window\":31}} | calibration.pulse_window must be a number from 1 to 30",
            "{\"type\":\"reed_switch\",\"calibration\":{\"debounce_ms\":1001}} | calibration.debounce_ms must be a number from 0 to 1000",
            "{\"type\":\"reed_switch\",\"calibration\":{\"sensitivity\":5}}  | Unknown calibration key for reed_switch: sensitivity",
            "{\"type\":\"hall_digital\",\"gpio\":\"13\"}                     | gpio must be an integer from 0 to 27",
    })
    void badCalibrationIsRefusedAndTheOldConfigurationStays(String body, String message) throws Exception {
        pin(22, false);
        configure("{\"type\":\"reed_switch\",\"calibration\":{\"debounce_ms\":0}}");
        HttpResponse<String> r = device.post("/sensor/configure", body);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(device.json(r).get("error").asText().contains(message), r.body());
        JsonNode status = device.getJson("/sensor/status");
        assertEquals("reed_switch", status.get("config").get("type").asText());
        assertTrue(status.get("armed").asBoolean());
    }

    @Test
    void typesCarryWiringAndCalibrationSchemas() throws Exception {
        JsonNode types = device.getJson("/sensor/types");
        int gpioDrivers = 0;
        for (JsonNode t : types) {
            if (t.get("default_gpio").isNull()) {
                continue;
            }
            gpioDrivers++;
            assertTrue(t.get("wiring").size() >= 2, t.toString());
            boolean debounce = false;
            for (JsonNode p : t.get("calibration")) {
                assertEquals("range", p.get("type").asText());
                debounce |= p.get("key").asText().equals("debounce_ms");
            }
            assertTrue(debounce, t.get("type") + " has debounce_ms");
        }
        assertEquals(4, gpioDrivers, types.toString());
    }
}
