package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files {@code deploy/} takes, as the driver SPI's Javadoc tells a driver author: any name, a hidden one
 * without {@code .jar} too, and a new jar that is still being written is left alone until it is complete.
 */
class DeployFolderTest {
    @TempDir
    Path dir;

    @Test
    void anyFileNameIsTakenAndAHalfWrittenJarWaitsUntilItIsComplete() throws Exception {
        Path jar = Path.of(System.getProperty("tripwire.jar"));
        try (Device device = Device.start(dir.resolve("home"))) {
            Path hidden = device.home.resolve("deploy/.tripwire");
            HotDeployTest.copyAtomically(jar, hidden);
            HotDeployTest.await(device, "the driver from a hidden file without .jar", 5_000, () -> tripwire(device));
            Files.delete(hidden);
            HotDeployTest.await(device, "the driver to go with its file", 5_000, () -> !tripwire(device));

            byte[] bytes = Files.readAllBytes(jar);
            Path slow = device.home.resolve("deploy/tripwire.jar");
            Files.write(slow, Arrays.copyOf(bytes, bytes.length * 9 / 10));
            Thread.sleep(1_500); // three scans of the folder
            assertFalse(tripwire(device), "a jar still being written was installed");
            Files.write(slow, Arrays.copyOfRange(bytes, bytes.length * 9 / 10, bytes.length), StandardOpenOption.APPEND);
            HotDeployTest.await(device, "the driver once its jar is complete", 5_000, () -> tripwire(device));
        }
    }

    private static boolean tripwire(Device device) throws Exception {
        return device.get("/sensor/types").body().contains("\"tripwire\"");
    }
}
