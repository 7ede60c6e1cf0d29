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

    /** Whether ffmpeg decodes every frame of the file without an error. */
    static boolean decodes(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null",
                "-")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0 && out.isEmpty();
    }

    /** The types of an MP4's top-level boxes, in file order ("ftyp", "moov", "mdat" ... or "moof" when fragmented). */
    static List<String> topLevelBoxes(Path file) throws IOException {
        List<String> boxes = new java.util.ArrayList<>();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(16);
            long at = 0;
            while (at + 8 <= ch.size()) {
                header.clear();
                ch.read(header, at);
                long size = Integer.toUnsignedLong(header.getInt(0));
                boxes.add(new String(header.array(), 4, 4, StandardCharsets.US_ASCII));
                if (size == 1) {
                    size = header.getLong(8);
                } else if (size == 0) {
                    break; // to the end of the file
                }
                if (size < 8) {
                    break;
                }
                at += size;
            }
        }
        return boxes;
    }
}
