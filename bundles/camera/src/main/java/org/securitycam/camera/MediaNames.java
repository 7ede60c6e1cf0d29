package org.securitycam.camera;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** The names of media files and their sidecars (spec §2). */
final class MediaNames {
    static final Pattern RECORDING = Pattern.compile("output_\\d{8}_\\d{6}\\.mp4");
    static final Pattern SNAPSHOT = Pattern.compile("snapshot_\\d{8}_\\d{6}\\.jpg");
    static final Pattern TIMELAPSE = Pattern.compile("timelapse_\\d{8}\\.mp4");
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private MediaNames() {
    }

    /** A new file {@code <prefix>_YYYYMMDD_HHMMSS<suffix>} that does not exist yet, a second later if it must. */
    static Path fresh(Path folder, String prefix, String suffix, LocalDateTime now) {
        LocalDateTime t = now;
        Path p = folder.resolve(prefix + "_" + STAMP.format(t) + suffix);
        while (Files.exists(p)) {
            t = t.plusSeconds(1);
            p = folder.resolve(prefix + "_" + STAMP.format(t) + suffix);
        }
        return p;
    }

    /** The recordings folder: {@code VideoSaveLocation} of the settings. */
    static Path folder(org.securitycam.api.settings.SettingsStore settings) {
        return Path.of(String.valueOf(settings.section("VideoSaveLocation")));
    }

    static Path sidecar(Path video, String suffix) {
        String name = video.getFileName().toString();
        return video.resolveSibling(name.substring(0, name.length() - ".mp4".length()) + suffix);
    }

    static Path thumbnail(Path video) {
        return sidecar(video, ".thumb.jpg");
    }

    static Path sprite(Path video) {
        return sidecar(video, ".sprite.jpg");
    }

    static Path meta(Path video) {
        return sidecar(video, ".meta.json");
    }
}
