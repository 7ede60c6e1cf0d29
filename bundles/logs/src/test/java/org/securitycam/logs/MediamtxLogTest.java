package org.securitycam.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MediaMTX's own line format: its level codes become the device's level names, and the source defaults. */
class MediamtxLogTest {
    @TempDir
    Path dir;

    private List<LogEntry> read(String text, LogQuery query) throws Exception {
        Path file = dir.resolve("mediamtx.log");
        Files.writeString(file, text);
        LogReaderTest.settle(file);
        List<LogEntry> out = new ArrayList<>();
        new LogReader(LogFormat.MEDIAMTX, List.of(file)).read(query, out::add);
        return out;
    }

    private List<LogEntry> read(String text) throws Exception {
        return read(text, LogQuery.of(null, null, null, null));
    }

    @Test
    void eachLevelCodeWithAndWithoutASource() throws Exception {
        List<LogEntry> all = read("""
                2026/04/01 09:00:00 INF MediaMTX v1.9.0
                2026/04/01 09:00:01 INF [RTSP] listener opened on :8554 (TCP)
                2026/04/01 09:00:02 DBG [path cam] [RTSP source] started
                2026/04/01 09:00:03 WAR [RTSP] [conn 10.0.0.5:51000] closed: EOF
                2026/04/01 09:00:04 ERR [path cam] [RTSP source] unable to connect
                2026/04/01 09:00:05 ERR something failed
                2026/04/01 09:00:06 DBG debugging
                2026/04/01 09:00:07 WAR [HLS] muxer
                """);
        assertEquals(List.of(
                new LogEntry("2026-04-01 09:00:07", "WARNING", "HLS", "muxer"),
                new LogEntry("2026-04-01 09:00:06", "DEBUG", "mediamtx", "debugging"),
                new LogEntry("2026-04-01 09:00:05", "ERROR", "mediamtx", "something failed"),
                new LogEntry("2026-04-01 09:00:04", "ERROR", "path cam", "[RTSP source] unable to connect"),
                new LogEntry("2026-04-01 09:00:03", "WARNING", "RTSP", "[conn 10.0.0.5:51000] closed: EOF"),
                new LogEntry("2026-04-01 09:00:02", "DEBUG", "path cam", "[RTSP source] started"),
                new LogEntry("2026-04-01 09:00:01", "INFO", "RTSP", "listener opened on :8554 (TCP)"),
                new LogEntry("2026-04-01 09:00:00", "INFO", "mediamtx", "MediaMTX v1.9.0")), all);
    }

    @Test
    void filtersUseTheNormalisedLevelAndTheDefaultSource() throws Exception {
        String log = """
                2026/04/01 09:00:00 INF MediaMTX v1.9.0
                2026/04/01 09:00:01 WAR [RTSP] slow reader
                2026/04/01 09:00:02 ERR [RTSP] lost the camera
                  panic: a continuation line
                2026/04/01 09:00:03 WAR without a source
                """;
        assertEquals(List.of("without a source", "slow reader"),
                read(log, LogQuery.of(null, "warning", null, null)).stream().map(LogEntry::message).toList());
        assertEquals(List.of("without a source", "MediaMTX v1.9.0"),
                read(log, LogQuery.of(null, null, null, "MEDIAMTX")).stream().map(LogEntry::message).toList());
        assertEquals(List.of("lost the camera\n  panic: a continuation line"),
                read(log, LogQuery.of(null, "ERROR", "PANIC", "rtsp")).stream().map(LogEntry::message).toList());
    }

    @Test
    void deviceLinesAreNotMediamtxEntries() throws Exception {
        assertEquals(List.of(), read("2026-04-01 10:00:00 [INFO] a.b: not this format\n"));
    }
}
