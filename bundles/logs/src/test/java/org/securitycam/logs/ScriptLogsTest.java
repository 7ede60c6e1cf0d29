package org.securitycam.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script logs: what is listed, in which order, and which names lead to a file. */
class ScriptLogsTest {
    @TempDir
    Path dir;
    Path logs;
    ScriptLogs scripts;

    private Path file(String relative, String text, long modified) throws Exception {
        Path p = logs.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        Files.setLastModifiedTime(p, FileTime.fromMillis(modified));
        return p;
    }

    @BeforeEach
    void folders() throws Exception {
        logs = dir.resolve("logs");
        scripts = new ScriptLogs(logs, Set.of("api", "mediamtx"));
        file("install/2026-04-01_09-51-07.log", "installed\n", 3_000_000);
        file("update/2026-04-01_10-00-00.log", "updated\n", 5_000_000);
        file("ap-setup/b.log", "bb\n", 4_000_000);
        file("ap-setup/a.log", "a\n", 4_000_000);
        file("bluetooth-pairing/p.log", "paired\n", 1_000_000);
        file("api/security-cam.log", "device\n", 9_000_000);
        file("mediamtx/mediamtx.log", "mediamtx\n", 9_000_000);
        file("install/notes.txt", "not a log\n", 9_000_000);
        file("top-level.log", "not in a category\n", 9_000_000);
        file("install/old.log/inner.log", "a folder named .log\n", 9_000_000);
        Files.createDirectories(dir.resolve("outside"));
        Files.writeString(dir.resolve("outside/secret.log"), "secret\n");
        Files.createSymbolicLink(logs.resolve("install/escape.log"), dir.resolve("outside/secret.log"));
        Files.createSymbolicLink(logs.resolve("install/device.log"), logs.resolve("api/security-cam.log"));
        Files.createSymbolicLink(logs.resolve("linked"), dir.resolve("outside"));
    }

    @Test
    void listsEveryLogOfEveryOtherSubfolderNewestFirst() {
        List<String> names = scripts.list().stream().map(ScriptLogs.Item::name).toList();
        assertEquals(List.of("update/2026-04-01_10-00-00.log", "ap-setup/b.log", "ap-setup/a.log",
                "install/2026-04-01_09-51-07.log", "bluetooth-pairing/p.log"), names);
        ScriptLogs.Item first = scripts.list().get(0);
        assertEquals("update", first.category());
        assertEquals(8, first.size());
    }

    @Test
    void noLogFolderListsNothing() {
        assertEquals(List.of(), new ScriptLogs(dir.resolve("none"), Set.of("api")).list());
    }

    @Test
    void resolvesListedLogsOnly() throws Exception {
        assertEquals(Optional.of(logs.resolve("install/2026-04-01_09-51-07.log").toRealPath()),
                scripts.resolve("install", "2026-04-01_09-51-07.log"));
        String[][] refused = { { "api", "security-cam.log" }, { "API", "security-cam.log" },
            { "mediamtx", "mediamtx.log" }, { "install", "notes.txt" }, { "install", "escape.log" },
            { "install", "device.log" }, { "linked", "secret.log" }, { "..", "outside" }, { ".", "top-level.log" },
            { "install", ".." }, { "install", "../api/security-cam.log" }, { "install", "..\\update\\x.log" },
            { "install\\..", "update.log" }, { "install", "missing.log" }, { "", "a.log" }, { "install", "" },
            { "install", "old.log" }, { "install", "a\0.log" }, { "%2e%2e", "api%2fsecurity-cam.log" },
            { "install/../api", "security-cam.log" } };
        for (String[] r : refused) {
            assertTrue(scripts.resolve(r[0], r[1]).isEmpty(), r[0] + " / " + r[1]);
        }
    }
}
