package org.securitycam.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings file on disk: round trip, corrupt files set aside, and no torn file after a kill mid-write. */
class SettingsFileTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReadsBack() throws IOException {
        SettingsFile f = new SettingsFile(dir.resolve("settings/settings.json"));
        f.write(Map.of("StorageLimit", Map.of("enabled", true, "max_percent", 70)));
        assertEquals(Map.of("StorageLimit", Map.of("enabled", true, "max_percent", 70)), f.read());
    }

    @Test
    void aCorruptFileIsSetAsideNotLost() throws IOException {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"Sensor\": ");
        assertEquals(Map.of(), new SettingsFile(file).read());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> aside = files.filter(p -> p.getFileName().toString().startsWith("settings.json.corrupt-")).toList();
            assertEquals(1, aside.size());
            assertEquals("{\"Sensor\": ", Files.readString(aside.get(0)), "the user's file is kept as it was");
        }
    }

    /**
     * A child JVM rewrites the file as fast as it can and is killed with SIGKILL at a random moment, many
     * times over. Every time, the file on disk must parse and be one whole version.
     */
    @Test
    void aKillDuringWriteLeavesTheOldOrTheNewFile() throws Exception {
        Path file = dir.resolve("settings.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 8; round++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SettingsWriterMain.class.getName(), file.toString()).redirectErrorStream(true).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!Files.exists(file) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                Thread.sleep(100 + (long) (Math.random() * 300));
            } finally {
                p.destroyForcibly();
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the writer was reaped");
            }
            Map<String, Object> doc = new SettingsFile(file).read();
            assertTrue(doc.containsKey("counter"), "round " + round + ": torn or missing file: " + doc);
            Object filler = doc.get("filler");
            assertEquals(SettingsWriterMain.FILLER_LENGTH, ((String) filler).length());
        }
    }
}
