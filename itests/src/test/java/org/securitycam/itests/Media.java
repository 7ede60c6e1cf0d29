package org.securitycam.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** ffprobe, the real one, as a user would check a file. */
final class Media {
    private Media() {
    }

    static String probe(Path file, String entries) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("ffprobe", "-v", "error", "-show_entries", entries, "-of", "csv=p=0",
                file.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    static double duration(Path file) throws IOException, InterruptedException {
        return Double.parseDouble(probe(file, "format=duration"));
    }
}
