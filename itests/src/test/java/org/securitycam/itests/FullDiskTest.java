package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save location on a full filesystem (a small tmpfs): a recording that cannot be written ends cleanly, says why
 * once, and leaves no empty file; one whose disk fills up while it runs ends the same way and keeps what it wrote.
 */
class FullDiskTest {
    @TempDir
    Path dir;
    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            Mounts.unmount(mounted);
        }
    }


    /** Writes {@code file} until the filesystem is full, or {@code limit} bytes. */
    private static void fill(Path file, long limit) throws IOException {
        byte[] chunk = new byte[16 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (written < limit) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException full) {
            // no space left: what this test wants
        }
    }

    private static List<String> errorsNamingTheCause(Device d) throws IOException {
        return d.log().lines().filter(l -> l.contains("[ERROR]") && l.contains("No space left on device")).toList();
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    @Test
    void aRecordingThatCannotBeWrittenEndsCleanlyAndLeavesNoEmptyFile() throws Exception {
        Path full = Files.createDirectories(dir.resolve("full"));
        Mounts.tmpfs(full, "size=3m");
        mounted = full;
        try (Device d = Device.start(dir.resolve("home"))) {
            HttpResponse<String> set = d.post("/settings",
                    Device.JSON.writeValueAsString(Map.of("VideoSaveLocation", full.toString())));
            assertEquals(200, set.statusCode(), set.body());
            // Auto-delete on: with it off the storage limit refuses every recording on a disk with under 200 MB
            // free, before the camera tries. There is no media here for it to delete.
            set = d.post("/storage/configure", "{\"enabled\":true,\"max_percent\":95}");
            assertEquals(200, set.statusCode(), set.body());
            fill(full.resolve("filler"), Long.MAX_VALUE);
            long t0 = System.currentTimeMillis();

            HttpResponse<String> manual = d.post("/toggle_recording", null);
            assertEquals(507, manual.statusCode(), manual.body());
            assertTrue(d.json(manual).get("error").asText().contains("No space left on device"), manual.body());
            assertFalse(d.getJson("/recording_status").get("recording").asBoolean());

            assertEquals(200, d.post("/sensor/configure", "{\"type\":\"mock\",\"hold_seconds\":1}").statusCode());
            d.post("/sensor/mock/trigger", null);
            HotDeployTest.await(d, "the sensor recording to fail", 5_000,
                    () -> !d.getJson("/sensor/status").get("recording_from_sensor").asBoolean()
                            && !d.getJson("/recording_status").get("recording").asBoolean());
            d.post("/sensor/mock/release", null);

            Thread.sleep(Math.max(0, 15_000 - (System.currentTimeMillis() - t0)));
            assertEquals(List.of(full.resolve("filler")), files(full), "nothing but the filler, no empty file");
            assertEquals(0, d.getJson("/archive").size());
            assertEquals(2, errorsNamingTheCause(d).size(), "one ERROR per attempt, none retried: "
                    + errorsNamingTheCause(d));

            // Room for a start, then the disk fills up while it records.
            Files.delete(full.resolve("filler"));
            fill(full.resolve("filler"), 1024 * 1024);
            assertEquals(200, d.post("/toggle_recording", null).statusCode());
            Thread.sleep(1_500);
            fill(full.resolve("filler2"), Long.MAX_VALUE);
            HotDeployTest.await(d, "the recording to end on the full disk", 10_000,
                    () -> !d.getJson("/recording_status").get("recording").asBoolean());
            HotDeployTest.await(d, "its file to be finished", 20_000, () -> d.log().contains(" finished: "));
            assertEquals(1, d.getJson("/archive").size());
            for (Path p : files(full)) {
                assertTrue(Files.size(p) > 0, "no empty file: " + p);
                assertFalse(p.getFileName().toString().startsWith("."), "no temporary left: " + p);
            }
            Path video = Path.of(d.getJson("/archive").get(0).get("path").asText());
            // Its last fragment is cut where the disk filled up; ffprobe says so, and reads what comes before.
            String probed = Media.probe(video, "format=duration");
            assertTrue(Double.parseDouble(probed.substring(probed.lastIndexOf('\n') + 1)) > 0.5,
                    "what it wrote is kept and plays: " + probed);
            assertEquals(3, errorsNamingTheCause(d).size(), "one more ERROR: " + errorsNamingTheCause(d));
            assertFalse(d.getJson("/recording_status").get("recording").asBoolean(), "not retried");
            List<String> failures = new java.util.ArrayList<>();
            d.getJson("/event_history?hours=1").forEach(e -> {
                if ("recording_failed".equals(e.get("type").asText())) {
                    failures.add(e.get("detail").asText());
                }
            });
            assertEquals(3, failures.size(), "each failure in the event log: " + failures);
            assertTrue(failures.stream().allMatch(f -> f.contains("No space left on device")), failures.toString());
        }
    }
}
