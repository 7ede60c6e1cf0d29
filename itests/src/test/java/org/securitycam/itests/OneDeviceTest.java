package org.securitycam.itests;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Tests that share one running device for the whole class, because a start costs seconds. */
abstract class OneDeviceTest {
    @TempDir
    static Path dir;
    static Device device;

    @BeforeAll
    static void startDevice() throws Exception {
        device = Device.start(dir.resolve("home"));
    }

    @AfterAll
    static void stopDevice() throws Exception {
        device.close();
    }
}
