package org.securitycam.itests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * File systems of their own for tests that need a small, full or read-only disk: a tmpfs mounted over a folder, or a
 * bind mount. Mounting needs root, so a test that cannot mount is skipped with a message, never failed. Unmounting is
 * lazy: the device may still hold a file open there.
 */
final class Mounts {
    private Mounts() {
    }

    /** Mounts a tmpfs with {@code options} (e.g. {@code size=3m}) over {@code dir}, or skips the test. */
    static void tmpfs(Path dir, String options) throws IOException, InterruptedException {
        assumeTrue(run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()),
                "skipped: mounting a tmpfs needs root");
    }

    /** Mounts {@code source} over {@code target}, or skips the test. */
    static void bind(Path source, Path target) throws IOException, InterruptedException {
        assumeTrue(run("mount", "--bind", source.toString(), target.toString()), "skipped: bind mounts refused");
    }

    static void unmount(Path dir) throws IOException, InterruptedException {
        run("umount", "-l", dir.toString());
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return false;
        }
        return p.exitValue() == 0;
    }
}
