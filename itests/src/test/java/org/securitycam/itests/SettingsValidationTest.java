package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad section gets 400 naming it, by its owner's rules, and the whole request changes nothing. */
class SettingsValidationTest extends OneDeviceTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"Sensor\":{\"gpio\":30}}                          | Sensor: gpio must be an integer from 0 to 27",
            "{\"Sensor\":{\"type\":\"nope\"}}                    | Sensor: Unknown sensor type: nope",
            "{\"VideoSaveLocation\":\"relative/dir\"}            | VideoSaveLocation: must be an absolute path",
            "{\"Auth\":{\"enabled\":\"yes\"}}                  | Auth: enabled must be true or false",
            "{\"RotationAngle\":45}                              | RotationAngle: must be 0, 90, 180 or 270",
            "{\"StreamFPS\":\"15\"}                              | StreamFPS: StreamFPS must be an integer from 1 to 60",
            "{\"CaptivePortal\":{\"enabled\":true},\"Sensor\":{\"gpio\":28}} | Sensor: gpio must be an integer",
    })
    void badSectionsAreRefusedWholeAndChangeNothing(String body, String message) throws Exception {
        {
            device.post("/settings", "{\"CaptivePortal\":{\"enabled\":false}}");
            String before = device.getJson("/settings").toString();
            HttpResponse<String> r = device.post("/settings", body);
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(device.json(r).get("error").asText().startsWith(message), r.body());
            assertEquals(before, device.getJson("/settings").toString());
        }
    }

}
