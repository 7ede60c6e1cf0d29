package org.securitycam.presence.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolTest {
    @TempDir
    Path dir;

    @Test
    void outputAndExitCodeComeBackWithoutTerminalCodes() throws Exception {
        Tool.Result r = Tool.run(List.of("sh", "-c", "printf '\\033[0;93m[CHG]\\033[0m Device\\r\\n'; echo err >&2; exit 3"),
                Duration.ofSeconds(5));
        assertEquals(3, r.exit());
        assertFalse(r.timedOut());
        assertEquals("[CHG] Device\nerr\n", r.output());
    }

    @Test
    void aToolPastItsTimeoutIsKilledWithItsChildren() throws Exception {
        Path pid = dir.resolve("child.pid");
        long t0 = System.nanoTime();
        Tool.Result r = Tool.run(List.of("sh", "-c", "sleep 30 & echo $! > " + pid + "; wait"), Duration.ofMillis(500));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.timedOut());
        assertTrue(ms < 5_000, "returned after " + ms + " ms");
        long child = Long.parseLong(Files.readString(pid).trim());
        long deadline = System.currentTimeMillis() + 5_000;
        while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the child is killed too");
    }

    @Test
    void aChattyToolNeverBlocksAndItsOutputIsCapped() throws Exception {
        Tool.Result r = Tool.run(List.of("sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' x"), Duration.ofSeconds(10));
        assertTrue(r.ok());
        assertEquals(Tool.MAX_OUTPUT, r.output().length());
    }

    @Test
    void aWatcherSeesLinesAndPromptsAnswersThemAndStopsTheTool() throws Exception {
        List<String> seen = new ArrayList<>();
        Tool.Result r = Tool.watch(List.of("sh", "-c",
                "echo one; printf 'Accept pairing (yes/no): '; read a; echo \"got $a\"; sleep 30"),
                Duration.ofSeconds(10), (line, answer) -> {
                    seen.add(line);
                    if (line.contains("(yes/no)")) {
                        answer.accept("yes");
                    }
                    return line.startsWith("got");
                });
        assertFalse(r.timedOut(), "stopped by the watcher, not by the timeout");
        assertEquals(List.of("one", "Accept pairing (yes/no): ", "got yes"), seen);
    }

    @Test
    void aMissingProgramCannotBeStarted() {
        assertThrows(IOException.class, () -> Tool.run(List.of(dir.resolve("nope").toString()), Duration.ofSeconds(1)));
    }

    @Test
    void theFirstLineIsShortAndPrintable() {
        assertEquals("", Tool.firstLine("  \n"));
        assertEquals(": a?b", Tool.firstLine("a\u0001b\nsecond"));
        assertEquals(123 + 2, Tool.firstLine("x".repeat(500)).length());
    }
}
