package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec §8 validation: a bad section gets 400 naming it, and the whole request changes nothing. */
class SettingsValidationTest extends OneDeviceTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"StorageLimit\":{\"max_percent\":96}}             | StorageLimit: max_percent must be an integer from 10 to 95",
            "{\"StorageLimit\":{\"max_percent\":9}}              | StorageLimit: max_percent must be an integer from 10 to 95",
            "{\"StorageLimit\":{\"enabled\":\"true\"}}           | StorageLimit: enabled must be true or false",
            "{\"StorageLimit\":{\"limit\":5}}                    | StorageLimit: Unknown field: limit",
            "{\"Timelapse\":{\"fps\":0}}                         | Timelapse: fps must be an integer from 1 to 60",
            "{\"Timelapse\":{\"interval_minutes\":61}}           | Timelapse: interval_minutes must be an integer from 1 to 60",
            "{\"Timelapse\":{\"resolution\":\"4k\"}}             | Timelapse: resolution must be one of",
            "{\"Sensor\":{\"gpio\":30}}                          | Sensor: gpio must be an integer from 0 to 27",
            "{\"Sensor\":{\"type\":\"nope\"}}                    | Sensor: Unknown sensor type: nope",
            "{\"TARGET_BT_ADDRESSES\":[{\"address\":\"zz\"}]}    | TARGET_BT_ADDRESSES: address must look like AA:BB:CC:DD:EE:FF",
            "{\"VideoSaveLocation\":\"relative/dir\"}            | VideoSaveLocation: must be an absolute path",
            "{\"Auth\":{\"token\":\"planted\"}}                  | Auth: Unknown field: token",
            "{\"CaptivePortal\":{\"enabled\":true},\"StorageLimit\":{\"max_percent\":1}} | StorageLimit: max_percent",
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
