package org.securitycam.camera;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ffprobe, for the tests that run the ffmpeg of this machine and look at what it made. */
final class RealFfmpeg {
    private static final Pattern ROOT_BOX = Pattern.compile("type:'(.{4})' parent:'root'");

    private RealFfmpeg() {
    }

    /** ffprobe's answer for some entries of a file, as csv. */
    static String probe(Path file, String entries) throws IOException, InterruptedException {
        return ffprobe(List.of("-v", "error", "-show_entries", entries, "-of", "csv=p=0", file.toString())).trim();
    }

    /** The types of an MP4's top-level boxes in file order, as ffprobe's trace names them. */
    static List<String> boxes(Path file) throws IOException, InterruptedException {
        List<String> boxes = new ArrayList<>();
        Matcher m = ROOT_BOX.matcher(ffprobe(List.of("-v", "trace", file.toString())));
        while (m.find()) {
            boxes.add(m.group(1));
        }
        return boxes;
    }

    private static String ffprobe(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffprobe"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }
}
