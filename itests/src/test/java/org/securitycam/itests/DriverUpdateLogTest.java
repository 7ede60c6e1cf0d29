package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty updates of a driver in deploy/ leave a clean log: no framework error on any of them, however the
 * framework's refresh of the updated bundle and the bundle listeners of other bundles interleave. And one configure
 * opens the driver once.
 */
class DriverUpdateLogTest {
    @TempDir
    Path dir;

    private static long armedInLog(Device device) throws Exception {
        return device.log().lines().filter(l -> l.endsWith("Sensor tripwire armed")).count();
    }

    @Test
    void twentyUpdatesInDeployLogNoError() throws Exception {
        Path jar = Path.of(System.getProperty("tripwire.jar"));
        try (Device device = Device.start(dir.resolve("home"))) {
            Path deployed = device.home.resolve("deploy/tripwire.jar");
            HotDeployTest.copyAtomically(jar, deployed);
            HotDeployTest.await(device, "the tripwire type", 5_000,
                    () -> device.get("/sensor/types").body().contains("\"tripwire\""));
            assertEquals(200, device.post("/sensor/configure", "{\"type\":\"tripwire\"}").statusCode());
            HotDeployTest.await(device, "the tripwire armed in the log", 3_000, () -> armedInLog(device) > 0);
            Thread.sleep(300);
            assertEquals(1, armedInLog(device), "one configure opens the driver once");
            for (int i = 1; i <= 20; i++) {
                String version = "1.0." + i;
                HotDeployTest.copyAtomically(HotDeployTest.withVersion(jar, version, dir.resolve("t-" + i + ".jar")),
                        deployed);
                HotDeployTest.await(device, "driver " + version, 10_000,
                        () -> device.get("/sensor/types").body().contains("driver " + version + ")")
                                && device.getJson("/sensor/status").get("armed").asBoolean());
            }
            List<String> lines = device.log().lines().toList();
            List<Integer> errors = IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains("[ERROR]"))
                    .boxed().toList();
            assertTrue(errors.isEmpty(), errors.size() + " errors in the log after 20 updates, the first:\n"
                    + (errors.isEmpty() ? "" : String.join("\n", lines.subList(errors.get(0),
                            Math.min(lines.size(), errors.get(0) + 15)))));
        }
    }
}
