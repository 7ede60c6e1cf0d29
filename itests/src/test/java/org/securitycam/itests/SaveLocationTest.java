package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * VideoSaveLocation takes only a folder the device can write to, outside the system trees and the settings folder;
 * a refused one is a JSON 400 that creates nothing and changes nothing. A camera failure caused by the folder names
 * the folder.
 */
class SaveLocationTest extends OneDeviceTest {
    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            Mounts.unmount(mounted);
            mounted = null;
        }
    }


    private static HttpResponse<String> setLocation(Object location) throws Exception {
        return device.post("/settings", Device.JSON.writeValueAsString(Map.of("VideoSaveLocation", location)));
    }

    private static String location() throws Exception {
        return device.getJson("/settings").get("VideoSaveLocation").asText();
    }

    private static void assertRefused(Object location, String saying) throws Exception {
        String before = location();
        HttpResponse<String> r = setLocation(location);
        assertEquals(400, r.statusCode(), location + " -> " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        String error = device.json(r).get("error").asText();
        assertTrue(error.contains(saying), location + " -> " + error);
        assertEquals(before, location());
    }

    @Test
    void systemTreesAreRefused() throws Exception {
        for (String tree : new String[] { "/proc", "/proc/self", "/sys", "/dev/shm", "/run", "/etc", "/boot" }) {
            assertRefused(tree, "must not be inside");
        }
    }

    @Test
    void aMissingParentIsRefusedAndNothingIsCreated() throws Exception {
        Path missing = dir.resolve("nonexistent/dir");
        assertRefused(missing.toString(), "does not exist");
        assertFalse(Files.exists(dir.resolve("nonexistent")));
        assertRefused("/nonexistent/dir", "does not exist");
        assertFalse(Files.exists(Path.of("/nonexistent")));
    }

    @Test
    void theSettingsFolderAndNonFoldersAreRefused() throws Exception {
        assertRefused(device.home.resolve("settings").toString(), "must not be inside");
        assertRefused(device.home.resolve("settings/media").toString(), "must not be inside");
        assertRefused(device.home.resolve("settings/settings.json").toString(), "");
        assertRefused("relative/path", "absolute");
        assertRefused(5, "string");
    }

    @Test
    void aFolderOneLevelDownIsCreated() throws Exception {
        Path media = dir.resolve("media-here");
        HttpResponse<String> r = setLocation(media.toString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(Files.isDirectory(media));
        assertEquals(media.toString(), location());
        assertEquals(200, setLocation(device.home.resolve("recordings").toString()).statusCode());
    }

    @Test
    void aSnapshotThatCannotBeSavedNamesTheFolder() throws Exception {
        Path media = Files.createDirectories(dir.resolve("goes-read-only"));
        assertEquals(200, setLocation(media.toString()).statusCode());
        Mounts.tmpfs(media, "ro,size=1m");
        mounted = media;
        try {
            HttpResponse<String> r = device.post("/snapshot", null);
            assertTrue(r.statusCode() >= 500, r.body());
            String error = device.json(r).get("error").asText();
            assertTrue(error.contains(media.toString()) && error.contains("Read-only"), error);
        } finally {
            unmount();
            assertEquals(200, setLocation(device.home.resolve("recordings").toString()).statusCode());
        }
    }
}
