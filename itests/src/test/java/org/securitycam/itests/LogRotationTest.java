package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device log rolls over before it would pass 8 MiB, to the byte, however fast entries come, and keeps three old
 * files: here a log a few hundred bytes short of the limit, with three old files, meets a start's burst of entries.
 */
class LogRotationTest {
    private static final long MAX = 8L * 1024 * 1024;

    @TempDir
    Path dir;

    private static String filled(char c, long size) {
        StringBuilder b = new StringBuilder();
        String line = String.valueOf(c).repeat(99) + "\n";
        while (b.length() + line.length() <= size) {
            b.append(line);
        }
        return b.append(String.valueOf(c).repeat((int) (size - b.length()))).toString();
    }

    @Test
    void theLogRollsAtTheByteAndKeepsThree() throws Exception {
        Path home = dir.resolve("home");
        Path api = Files.createDirectories(home.resolve("logs/api"));
        Path log = api.resolve("security-cam.log");
        Files.writeString(log, filled('c', MAX - 300), StandardCharsets.US_ASCII);
        Files.writeString(api.resolve("security-cam.log.1"), filled('1', MAX), StandardCharsets.US_ASCII);
        Files.writeString(api.resolve("security-cam.log.2"), filled('2', MAX), StandardCharsets.US_ASCII);
        Files.writeString(api.resolve("security-cam.log.3"), filled('3', MAX), StandardCharsets.US_ASCII);
        try (Device d = Device.start(home)) {
            for (int i = 0; i < 200; i++) {
                d.post("/settings", "{\"dashboard_refresh\":" + i + "}");
            }
            Path first = api.resolve("security-cam.log.1");
            long size = Files.size(first);
            assertTrue(size <= MAX && size > MAX - 1000, "security-cam.log.1 holds " + size + " bytes");
            assertTrue(Files.readString(first, StandardCharsets.ISO_8859_1).startsWith("ccc"), "not the old current file");
            assertEquals('1', Files.readString(api.resolve("security-cam.log.2"), StandardCharsets.ISO_8859_1).charAt(0));
            assertEquals('2', Files.readString(api.resolve("security-cam.log.3"), StandardCharsets.ISO_8859_1).charAt(0));
            assertFalse(Files.exists(api.resolve("security-cam.log.4")));
            for (int i = 1; i <= 3; i++) {
                assertTrue(Files.size(api.resolve("security-cam.log." + i)) <= MAX, "security-cam.log." + i);
            }
            assertTrue(Files.size(log) <= MAX);
            assertTrue(d.log().contains("http.request"), "the new file holds the new entries");
        }
    }
}
