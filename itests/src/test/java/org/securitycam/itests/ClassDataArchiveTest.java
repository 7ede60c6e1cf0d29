package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start script recommended for a Pi: the first run of a jar leaves the JVM's cache when it stops (the AOT cache on
 * Java 25 and newer, the class-data archive before), the next start checks it and maps classes from it, a truncated
 * one (a power cut while it was written) is thrown away instead of crashing the JVM, and caches of other jars are
 * removed. It runs on whichever Java the suite gives the device.
 */
class ClassDataArchiveTest {
    @TempDir
    Path tmp;

    /** The option that writes the cache at exit, the one that uses it, and its file name's ending. */
    private record Cache(String write, String use, String mustMap, String suffix) {
        static Cache ofDevice() throws Exception {
            return Device.javaFeature() >= 25
                    ? new Cache("-XX:AOTCacheOutput=", "-XX:AOTCache=", "-XX:AOTMode=on", ".aot")
                    : new Cache("-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=", "-Xshare:on", ".jsa");
        }
    }

    @Test
    void firstRunLeavesTheArchiveAndTheNextStartMapsIt() throws Exception {
        Path home = tmp.resolve("home");
        Path framework = Files.createDirectories(home.resolve("framework"));
        Cache cache = Cache.ofDevice();
        Path stale = Files.writeString(framework.resolve("classes-1-2.jsa"), "an archive of some older jar");
        Path staleAot = Files.writeString(framework.resolve("classes-1-2-25.aot"), "a cache of some older jar");

        try (Device first = Device.startWithScript(home, "")) {
            assertTrue(first.jvmArguments().stream().anyMatch(a -> a.startsWith(cache.write())),
                    first.jvmArguments()::toString);
            assertFalse(Files.exists(stale), "the archive of another jar is removed");
            assertFalse(Files.exists(staleAot), "the cache of another jar is removed");
        }
        Path partial = single(framework);
        assertTrue(partial.toString().endsWith(cache.suffix() + ".partial"), partial::toString);
        assertTrue(Files.size(partial) > 1_000_000, "a cache of the device's classes, not an empty file");

        // This option makes the JVM refuse to start unless it can map the cache.
        try (Device second = Device.startWithScript(home, cache.mustMap())) {
            Path archive = single(framework);
            assertEquals(partial.resolveSibling(partial.getFileName().toString().replace(".partial", "")), archive);
            assertTrue(second.jvmArguments().contains(cache.use() + archive),
                    second.jvmArguments()::toString);
            assertEquals(200, second.get("/sensor/status").statusCode());
        }
    }

    @Test
    void aTruncatedOrForeignCacheIsThrownAwayAndWrittenAgain() throws Exception {
        Cache cache = Cache.ofDevice();
        Path home = tmp.resolve("home");
        Path framework = home.resolve("framework");
        try (Device first = Device.startWithScript(home, "")) {
            assertEquals(200, first.get("/sensor/status").statusCode());
        }
        Path partial = single(framework);
        long size = Files.size(partial);
        partial.toFile().setWritable(true);
        long checkedAfter = System.currentTimeMillis();
        try (FileChannel f = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            f.truncate(size / 3);
        }

        try (Device second = Device.startWithScript(home, "")) {
            assertTrue(second.jvmArguments().stream().anyMatch(a -> a.startsWith(cache.write())),
                    "no cache is used: " + second.jvmArguments());
            assertEquals(200, second.get("/sensor/status").statusCode());
        }
        assertTrue(Files.size(single(framework)) > size / 2, "the stop wrote a whole cache again");

        // A file that is no cache of this JVM at all (a copy gone wrong): thrown away as well.
        Path written = single(framework);
        written.toFile().setWritable(true);
        byte[] foreign = new byte[(int) Math.min(Files.size(written), 8_000_000)];
        java.util.Arrays.fill(foreign, (byte) 0x5a);
        Files.write(written, foreign);
        try (Device third = Device.startWithScript(home, "")) {
            assertTrue(third.jvmArguments().stream().anyMatch(a -> a.startsWith(cache.write())),
                    "no cache is used: " + third.jvmArguments());
            assertEquals(200, third.get("/sensor/status").statusCode());
        }
        // The check of the truncated cache crashed a throwaway JVM; it leaves no crash report behind.
        try (Stream<Path> files = Files.list(Path.of("").toAbsolutePath())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("hs_err")
                    && p.toFile().lastModified() >= checkedAfter));
        }
    }

    private static Path single(Path framework) throws Exception {
        try (Stream<Path> files = Files.list(framework)) {
            List<Path> archives = files.filter(p -> p.getFileName().toString().startsWith("classes-")).toList();
            assertEquals(1, archives.size(), archives::toString);
            return archives.get(0);
        }
    }
}
