package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A power cut in the middle of a recording leaves a playable file, and the next start completes it as crashed:
 * remuxed with faststart, a sprite, its meta with the reason kept and the duration the file holds, and one
 * WARNING line naming it.
 */
class PowerCutTest {
    @TempDir
    Path dir;

    @Test
    void aRecordingCutOffBySigkillIsPlayableAndCompletedAsCrashedOnTheNextStart() throws Exception {
        Path home = dir.resolve("home");
        try (Device d = Device.start(home)) {
            d.post("/toggle_recording", null);
            Thread.sleep(4_000);
            d.powerCut();
            Path video = CleanStopTest.onlyRecording(home.resolve("recordings"));
            String base = video.toString().replace(".mp4", "");
            assertTrue(Media.duration(video) > 1, "ffprobe reads a duration from the cut-off file");
            assertTrue(Media.topLevelBoxes(video).contains("moof"), "fragmented as it was being written");
            JsonNode atStart = Device.JSON.readTree(Path.of(base + ".meta.json").toFile());
            assertEquals("manual", atStart.get("reason").asText(), "the meta was written as it started");
            assertFalse(atStart.has("stopped"), atStart.toString());

            d.restart();
            HotDeployTest.await(d, "the crashed recording's meta", 30_000, () -> {
                JsonNode archive = d.getJson("/archive");
                return archive.size() == 1 && archive.get(0).path("meta").has("stopped")
                        && archive.get(0).has("sprite");
            });
            JsonNode meta = d.getJson("/archive").get(0).get("meta");
            assertTrue(meta.get("crash").asBoolean(), meta.toString());
            assertEquals("manual", meta.get("reason").asText(), "the reason from the start-time meta");
            assertEquals(atStart.get("started").asText(), meta.get("started").asText());
            double duration = Media.duration(video);
            assertEquals(duration, meta.get("duration_seconds").asDouble(), 1.0, meta.toString());
            assertTrue(duration > 2, "most of the 4 s survived: " + duration);

            assertTrue(Media.decodes(video), "it plays");
            List<String> boxes = Media.topLevelBoxes(video);
            assertTrue(boxes.indexOf("moov") >= 0 && boxes.indexOf("moov") < boxes.indexOf("mdat")
                    && !boxes.contains("moof"), "remuxed with faststart: " + boxes);
            assertEquals("1600,90", Media.probe(Path.of(base + ".sprite.jpg"), "stream=width,height"));

            String name = video.getFileName().toString();
            List<String> warnings = Files.readString(home.resolve("logs/api/security-cam.log")).lines()
                    .filter(l -> l.contains("[WARNING]") && l.contains(name)).toList();
            assertEquals(1, warnings.size(), "exactly one WARNING naming it: " + warnings);
        }
    }
}
