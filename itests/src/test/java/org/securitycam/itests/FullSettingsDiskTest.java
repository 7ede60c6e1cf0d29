package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings folder on a full filesystem (a small tmpfs): every route that writes the settings answers 507 naming
 * the cause, leaves no temporary file and changes nothing, and works again once there is room.
 */
class FullSettingsDiskTest {
    @TempDir
    Path dir;
    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            Mounts.unmount(mounted);
        }
    }


    /** Fills the filesystem of {@code folder} to its last page. */
    private static void fill(Path folder) throws IOException {
        for (int chunk : new int[] { 16 * 1024, 4096 }) {
            try (OutputStream out = Files.newOutputStream(folder.resolve("filler-" + chunk))) {
                byte[] b = new byte[chunk];
                while (true) {
                    out.write(b);
                    out.flush();
                }
            } catch (IOException full) {
                // no space left: what this test wants
            }
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assert507(HttpResponse<String> r) {
        assertEquals(507, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.body());
        assertTrue(r.body().contains("No space left on device"), r.body());
    }

    @Test
    void aWriteToAFullDiskIs507AndChangesNothing() throws Exception {
        Path home = dir.resolve("home");
        Path settings = Files.createDirectories(home.resolve("settings"));
        Mounts.tmpfs(settings, "size=256k,mode=0700");
        mounted = settings;
        try (Device d = Device.start(home)) {
            String before = d.get("/settings").body();
            String sensor = d.getJson("/sensor/status").get("config").toString();
            fill(settings);
            List<String> files = names(settings);

            assert507(d.post("/settings", "{\"dashboard_theme\":\"dark\"}"));
            assert507(d.post("/sensor/configure", "{\"type\":\"mock\",\"hold_seconds\":7}"));
            assert507(d.post("/auth/regenerate", null));
            assert507(d.post("/auth/set-password", "{\"current\":\"" + Device.PASSWORD + "\",\"new\":\"other pass\"}"));

            assertEquals(files, names(settings), "a failed write left files behind");
            assertEquals(before, d.get("/settings").body(), "the settings changed");
            assertEquals(200, d.get("/auth/status").statusCode());
            assertEquals(sensor, d.getJson("/sensor/status").get("config").toString(), "the sensor changed");

            for (String f : files) {
                if (f.startsWith("filler-")) {
                    Files.delete(settings.resolve(f));
                }
            }
            assertEquals(200, d.post("/settings", "{\"dashboard_theme\":\"dark\"}").statusCode());
        }
    }
}
