package org.securitycam.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.securitycam.api.media.Sidecar;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The meta's shape at start, when finished, and when recovered after a hard stop; and its atomic write. */
class MetaTest {
    private static final Instant STARTED = Instant.parse("2024-01-01T12:00:00Z");
    private static final Path VIDEO = Path.of("/rec/output_20240101_130000.mp4");

    @TempDir
    Path dir;

    @Test
    void atStartItSaysWhyAndWhenAndTheSensorTypeIfAny() {
        Map<String, Object> sensor = Meta.atStart("sensor", "reed_switch", STARTED);
        assertEquals(List.of("reason", "sensor_type", "started"), List.copyOf(sensor.keySet()));
        assertEquals("2024-01-01T12:00:00Z", sensor.get("started"));
        assertFalse(Meta.atStart("manual", null, STARTED).containsKey("sensor_type"));
        assertFalse(Meta.finished(sensor));
    }

    @Test
    void finishedItAddsStopDurationAndCrashOnlyWhenTrue() {
        Map<String, Object> start = Meta.atStart("sensor", "pir", STARTED);
        Map<String, Object> clean = Meta.completed(start, STARTED.plusSeconds(6), 5.96, false);
        assertEquals(List.of("reason", "sensor_type", "started", "stopped", "duration_seconds"),
                List.copyOf(clean.keySet()));
        assertEquals(6.0, clean.get("duration_seconds"));
        assertTrue(Meta.finished(clean));
        Map<String, Object> crashed = Meta.completed(start, STARTED.plusSeconds(6), -1, true);
        assertEquals(true, crashed.get("crash"));
        assertTrue(crashed.containsKey("duration_seconds"));
        assertNull(crashed.get("duration_seconds"), "unknown, not made up");
        assertEquals(3, start.size(), "the start-time meta is left as it was");
    }

    @Test
    void aRecoveredMetaKeepsWhatTheStartWroteOrFallsBackToTheName() {
        ZoneId utc = ZoneId.of("UTC");
        Map<String, Object> kept = Meta.recovered(Meta.atStart("sensor", "reed_switch", STARTED), VIDEO, utc);
        assertEquals(Meta.atStart("sensor", "reed_switch", STARTED), kept);
        Map<String, Object> guessed = Meta.recovered(Map.of(), VIDEO, utc);
        assertEquals("unknown", guessed.get("reason"));
        assertEquals("2024-01-01T13:00:00Z", guessed.get("started"));
        assertEquals("2024-01-01T13:00:00Z",
                Meta.recovered(Map.of("started", "garbage", "reason", 5), VIDEO, utc).get("started"));
    }

    @Test
    void itIsWrittenAtomicallyBesideTheVideo() throws Exception {
        Path video = dir.resolve("output_20240101_130000.mp4");
        Meta.write(video, Meta.atStart("manual", null, STARTED));
        Path meta = dir.resolve("output_20240101_130000.meta.json");
        assertEquals(meta, AtomicFiles.sidecar(video, Sidecar.META));
        assertEquals(Map.of("reason", "manual", "started", "2024-01-01T12:00:00Z"),
                new ObjectMapper().readValue(meta.toFile(), Map.class));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(meta), files.toList(), "no temporary left");
        }
        assertEquals(dir.resolve(".output_20240101_130000.meta.json.tmp"), AtomicFiles.temporary(meta));
    }
}
