package org.securitycam.camera;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.securitycam.api.media.Sidecar;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A recording's {@code .meta.json}: {@code reason}, {@code sensor_type} (for a sensor recording), {@code started}
 * when it starts; {@code stopped}, {@code duration_seconds} and {@code crash} (only when true) once it is done. A
 * meta without {@code stopped} belongs to a recording that is running or was cut off.
 */
final class Meta {
    static final String REASON = "reason";
    static final String SENSOR_TYPE = "sensor_type";
    static final String STARTED = "started";
    static final String STOPPED = "stopped";
    static final String DURATION = "duration_seconds";
    static final String CRASH = "crash";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STAMP = Pattern.compile("_(\\d{8}_\\d{6})\\.");
    private static final DateTimeFormatter STAMP_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private Meta() {
    }

    static Map<String, Object> atStart(String reason, String sensorType, Instant started) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(REASON, reason);
        if (sensorType != null) {
            meta.put(SENSOR_TYPE, sensorType);
        }
        meta.put(STARTED, started.toString());
        return meta;
    }

    /**
     * The start-time meta of a cut-off recording as far as it can be told: what it says, else reason
     * {@code unknown} and the start time from the file's name.
     */
    static Map<String, Object> recovered(Map<String, Object> found, Path video, ZoneId zone) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(REASON, found.get(REASON) instanceof String s ? s : "unknown");
        if (found.get(SENSOR_TYPE) instanceof String s) {
            meta.put(SENSOR_TYPE, s);
        }
        Object started = found.get(STARTED);
        if (started instanceof String s && instant(s) != null) {
            meta.put(STARTED, s);
        } else {
            Instant fromName = stampOf(video, zone);
            meta.put(STARTED, fromName == null ? null : fromName.toString());
        }
        return meta;
    }

    /**
     * The finished meta: the start-time fields, then when it stopped, how long it is (null if unknown; to a tenth
     * of a second) and whether it crashed.
     */
    static Map<String, Object> completed(Map<String, Object> atStart, Instant stopped, double durationSeconds,
            boolean crash) {
        Map<String, Object> meta = new LinkedHashMap<>(atStart);
        meta.remove(STOPPED);
        meta.remove(DURATION);
        meta.remove(CRASH);
        meta.put(STOPPED, stopped.toString());
        meta.put(DURATION, durationSeconds < 0 ? null : Math.round(durationSeconds * 10) / 10.0);
        if (crash) {
            meta.put(CRASH, true);
        }
        return meta;
    }

    /** Whether a meta says its recording was finished, cleanly or not. */
    static boolean finished(Map<String, Object> meta) {
        return meta.get(STOPPED) != null;
    }

    static void write(Path video, Map<String, Object> meta) throws IOException {
        AtomicFiles.write(AtomicFiles.sidecar(video, Sidecar.META), JSON.writeValueAsBytes(meta));
    }

    /** The start time in a media file's name ({@code output_YYYYMMDD_HHMMSS.mp4}), in the device's zone. */
    static Instant stampOf(Path file, ZoneId zone) {
        Matcher m = STAMP.matcher(file.getFileName().toString());
        if (!m.find()) {
            return null;
        }
        try {
            return LocalDateTime.parse(m.group(1), STAMP_FORMAT).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
