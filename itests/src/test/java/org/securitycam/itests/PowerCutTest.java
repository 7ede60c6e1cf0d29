package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** A power cut in the middle of a recording leaves a playable file, and the next start marks it as crashed. */
class PowerCutTest {
    @TempDir
    Path dir;

    @Test
    void aRecordingCutOffBySigkillIsPlayableAndMarkedCrashed() throws Exception {
        Path home = dir.resolve("home");
        try (Device d = Device.start(home)) {
            d.post("/toggle_recording", null);
            Thread.sleep(4_000);
            d.powerCut();
            List<Path> videos;
            try (Stream<Path> files = Files.list(home.resolve("recordings"))) {
                videos = files.filter(p -> p.getFileName().toString().matches("output_\\d{8}_\\d{6}\\.mp4")).toList();
            }
            assertTrue(videos.size() == 1, videos.toString());
            Path video = videos.get(0);
            assertTrue(Media.duration(video) > 1, "ffprobe reads a duration from the cut-off file");
            assertTrue(!Files.exists(Path.of(video.toString().replace(".mp4", ".meta.json"))), "no meta yet");

            d.restart();
            HotDeployTest.await(d, "the crashed recording's meta", 20_000, () -> {
                JsonNode archive = d.getJson("/archive");
                return archive.size() == 1 && archive.get(0).has("meta");
            });
            JsonNode meta = d.getJson("/archive").get(0).get("meta");
            assertTrue(meta.get("crash").asBoolean(), meta.toString());
            assertTrue(meta.get("duration_seconds").asDouble() > 1, meta.toString());
        }
    }
}
