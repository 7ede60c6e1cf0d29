package org.securitycam.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.securitycam.api.settings.InvalidSettingsException;

/** The rules of VideoSaveLocation, on real folders: what is refused creates nothing. */
class SaveLocationSectionTest {
    @TempDir
    Path dir;
    private Path home;
    private SaveLocationSection section;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve("settings"));
        section = new SaveLocationSection(home);
    }

    private String refused(String location) {
        return assertThrows(InvalidSettingsException.class, () -> section.validate("VideoSaveLocation", location))
                .getMessage();
    }

    @Test
    void systemTreesAreRefused() {
        for (String tree : new String[] { "/proc", "/sys/kernel", "/dev/shm", "/run", "/etc", "/boot/x" }) {
            assertTrue(refused(tree).contains("must not be inside"), tree);
        }
    }

    @Test
    void aMissingParentIsRefusedAndNothingIsCreated() {
        Path missing = dir.resolve("nonexistent/dir");
        assertTrue(refused(missing.toString()).contains("does not exist"));
        assertFalse(Files.exists(dir.resolve("nonexistent")));
    }

    @Test
    void theSettingsFolderIsRefused() {
        assertTrue(refused(home.resolve("settings").toString()).contains("must not be inside"));
        assertTrue(refused(home.resolve("settings/media").toString()).contains("must not be inside"));
        assertFalse(Files.exists(home.resolve("settings/media")));
    }

    @Test
    void aLinkCannotLeadAroundTheRules() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("innocent"), Path.of("/etc"));
        assertTrue(refused(link.toString()).contains("must not be inside /etc"));
        Path toSettings = Files.createSymbolicLink(dir.resolve("elsewhere"), home.resolve("settings"));
        assertTrue(refused(toSettings.resolve("media").toString()).contains("must not be inside"));
    }

    @Test
    void aFileOrARelativePathIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertTrue(refused(file.toString()).contains("is not a folder"));
        assertTrue(refused("recordings").contains("absolute"));
    }

    @Test
    void anExistingFolderOrOneLevelMoreIsTaken() {
        Path existing = dir.resolve("media");
        assertEquals(dir.toString(), section.validate("VideoSaveLocation", dir.toString()));
        assertEquals(existing.toString(), section.validate("VideoSaveLocation", existing.toString()));
        assertTrue(Files.isDirectory(existing));
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".write-check")));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
