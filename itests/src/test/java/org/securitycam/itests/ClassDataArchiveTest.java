package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start script recommended for a Pi: its first run writes a class-data archive under the data home, complete
 * before it gets its name; the next start maps classes from it; archives of other jars are removed.
 */
class ClassDataArchiveTest {
    @TempDir
    Path tmp;

    @Test
    void firstRunWritesTheArchiveAndTheNextStartUsesIt() throws Exception {
        Path home = tmp.resolve("home");
        Path framework = Files.createDirectories(home.resolve("framework"));
        Path stale = Files.writeString(framework.resolve("classes-1-2.jsa"), "an archive of some older jar");

        try (Device first = Device.startWithScript(home, "-Dsecuritycam.classArchive.delay=1")) {
            assertTrue(first.jvmArguments().contains("-XX:+RecordDynamicDumpInfo"), first.jvmArguments()::toString);
            assertFalse(Files.exists(stale), "the archive of another jar is removed");
            Path archive = awaitArchive(framework);
            assertTrue(Files.size(archive) > 1_000_000, "an archive of the device's classes, not an empty file");
            String log = first.log();
            assertTrue(log.contains("Wrote the class-data archive " + archive), log);
            assertEquals(List.of(archive), archives(framework), "no partial file is left next to it");
        }

        // -Xshare:on makes the JVM refuse to start unless it can map the archive.
        try (Device second = Device.startWithScript(home, "-Xshare:on")) {
            Path archive = archives(framework).get(0);
            assertTrue(second.jvmArguments().contains("-XX:SharedArchiveFile=" + archive),
                    second.jvmArguments()::toString);
            assertEquals(200, second.get("/sensor/status").statusCode());
        }
    }

    private static Path awaitArchive(Path framework) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Path p : archives(framework)) {
                if (p.toString().endsWith(".jsa")) {
                    return p;
                }
            }
            Thread.sleep(200);
        }
        return fail("No class-data archive within 60 s: " + archives(framework));
    }

    private static List<Path> archives(Path framework) throws Exception {
        try (Stream<Path> files = Files.list(framework)) {
            return files.filter(p -> p.getFileName().toString().startsWith("classes-")).sorted().toList();
        }
    }
}
