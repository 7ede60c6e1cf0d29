package org.securitycam.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.securitycam.api.settings.InvalidSettingsException;

/** The device log read from its end, on generated files: order, continuation, rotation, odd bytes, filters. */
class LogReaderTest {
    private static final String[] LEVELS = { "DEBUG", "INFO", "WARNING", "ERROR" };

    @TempDir
    Path dir;

    private Path current() {
        return dir.resolve("security-cam.log");
    }

    private LogReader reader() {
        return new LogReader(LogFormat.DEVICE, List.of(current(), dir.resolve("security-cam.log.1"),
                dir.resolve("security-cam.log.2"), dir.resolve("security-cam.log.3")));
    }

    static String line(int n, String level, String source, String message) {
        return String.format("2026-04-01 10:%02d:%02d [%s] %s: %s\n", n / 60 % 60, n % 60, level, source, message);
    }

    /** Entries numbered from..to-1, levels in turn, sources a.b and c.d in turn. */
    static String entries(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int n = from; n < to; n++) {
            s.append(line(n, LEVELS[n % 4], n % 2 == 0 ? "a.b" : "c.d", "entry " + n));
        }
        return s.toString();
    }

    /** Writes a file as the logger left it a while ago (a file changed just now may be in a write). */
    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
        settle(dir.resolve(name));
    }

    static void settle(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 10_000));
    }

    private List<LogEntry> read(LogQuery query) throws IOException {
        List<LogEntry> out = new ArrayList<>();
        int n = reader().read(query, out::add);
        assertEquals(out.size(), n);
        return out;
    }

    private List<LogEntry> read(String limit, String level, String search, String source) throws IOException {
        return read(LogQuery.of(limit, level, search, source));
    }

    private static List<String> messages(List<LogEntry> entries) {
        return entries.stream().map(LogEntry::message).toList();
    }

    @Test
    void newestFirstAcrossTheCurrentAndTheThreeRotatedFiles() throws Exception {
        write("security-cam.log.3", entries(0, 10));
        write("security-cam.log.2", entries(10, 20));
        write("security-cam.log.1", entries(20, 30));
        write("security-cam.log", entries(30, 40));
        List<LogEntry> all = read(null, null, null, null);
        assertEquals(40, all.size());
        for (int i = 0; i < 40; i++) {
            assertEquals("entry " + (39 - i), all.get(i).message());
        }
        LogEntry newest = all.get(0);
        assertEquals("2026-04-01 10:00:39", newest.ts());
        assertEquals("ERROR", newest.level());
        assertEquals("c.d", newest.source());
    }

    @Test
    void missingRotatedFilesAreSkipped() throws Exception {
        write("security-cam.log.2", entries(0, 3));
        write("security-cam.log", entries(3, 5));
        assertEquals(List.of("entry 4", "entry 3", "entry 2", "entry 1", "entry 0"),
                messages(read(null, null, null, null)));
        Files.delete(current());
        assertEquals(3, read(null, null, null, null).size());
    }

    @Test
    void noFilesAtAllIsAnEmptyAnswer() throws Exception {
        assertEquals(List.of(), read(null, null, null, null));
    }

    @Test
    void continuationLinesBelongToTheEntryAbove() throws Exception {
        write("security-cam.log", line(1, "INFO", "a.b", "before")
                + line(2, "ERROR", "org.x.Y", "Request failed")
                + "java.lang.IllegalStateException: boom\n\tat org.x.Y.run(Y.java:10)\n\tat java.lang.Thread.run\n"
                + line(3, "INFO", "a.b", "after"));
        List<LogEntry> all = read(null, null, null, null);
        assertEquals(List.of("after",
                "Request failed\njava.lang.IllegalStateException: boom\n\tat org.x.Y.run(Y.java:10)\n\tat java.lang.Thread.run",
                "before"), messages(all));
        assertEquals("org.x.Y", all.get(1).source());
    }

    @Test
    void anEntrySplitAcrossTheRotationBoundaryIsOneEntry() throws Exception {
        write("security-cam.log.1", entries(0, 2) + line(2, "ERROR", "x", "split") + "first half\n");
        write("security-cam.log", "second half\n" + "  and more\n" + entries(3, 4));
        assertEquals(List.of("entry 3", "split\nfirst half\nsecond half\n  and more", "entry 1", "entry 0"),
                messages(read(null, null, null, null)));
    }

    @Test
    void linesAboveTheOldestEntryHaveNoEntryAndAreLeftOut() throws Exception {
        write("security-cam.log.3", "tail of an entry that was rotated away\n" + entries(0, 2));
        assertEquals(List.of("entry 1", "entry 0"), messages(read(null, null, null, null)));
    }

    @Test
    void allFourLevels() throws Exception {
        write("security-cam.log", entries(0, 8));
        for (int i = 0; i < 4; i++) {
            String level = LEVELS[i];
            List<LogEntry> some = read(null, level.toLowerCase(), null, null);
            assertEquals(List.of("entry " + (4 + i), "entry " + i), messages(some), level);
            assertTrue(some.stream().allMatch(e -> e.level().equals(level)));
        }
    }

    @Test
    void aTwoMegabyteLineIsCutAndItsNeighboursAreWhole() throws Exception {
        String huge = "x".repeat(2 * 1024 * 1024);
        write("security-cam.log", entries(0, 2) + line(2, "WARNING", "big", huge) + "  its continuation\n"
                + entries(3, 5));
        List<LogEntry> all = read(null, null, null, null);
        assertEquals(5, all.size());
        assertEquals(List.of("entry 4", "entry 3"), messages(all.subList(0, 2)));
        assertEquals(List.of("entry 1", "entry 0"), messages(all.subList(3, 5)));
        LogEntry big = all.get(2);
        assertEquals("WARNING", big.level());
        assertEquals("big", big.source());
        assertTrue(big.message().startsWith("xxxx") && big.message().endsWith(LogReader.CUT), big.ts());
        assertTrue(big.message().length() <= LogReader.MAX_ENTRY + LogReader.CUT.length(),
                "kept " + big.message().length());
        assertEquals(1, read(null, null, "xxxx", "big").size());
    }

    @Test
    void aCutDoesNotSplitACharacter() throws Exception {
        String euros = "€".repeat(LogReader.MAX_ENTRY); // three bytes each
        write("security-cam.log", line(0, "INFO", "a", euros));
        String message = read(null, null, null, null).get(0).message();
        String kept = message.substring(0, message.length() - LogReader.CUT.length());
        assertTrue(kept.chars().allMatch(c -> c == '€'), "no replacement character at the cut");
    }

    @Test
    void manyLongContinuationLinesKeepTheTopOfTheTrace() throws Exception {
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            trace.append("\tat frame").append(i).append('\n');
        }
        write("security-cam.log", line(0, "ERROR", "a", "failed") + trace + entries(1, 2));
        List<LogEntry> all = read(null, null, null, null);
        assertEquals(2, all.size());
        String message = all.get(1).message();
        assertTrue(message.startsWith("failed\n\tat frame0\n\tat frame1\n"), message.substring(0, 40));
        assertTrue(message.endsWith(LogReader.CUT));
        assertFalse(message.contains("frame4999"));
    }

    @Test
    void crlfLineEnds() throws Exception {
        write("security-cam.log", (entries(0, 2) + line(2, "ERROR", "a.b", "with trace") + "\tat x\n")
                .replace("\n", "\r\n"));
        List<LogEntry> all = read(null, null, null, null);
        assertEquals(List.of("with trace\n\tat x", "entry 1", "entry 0"), messages(all));
        assertTrue(all.stream().noneMatch(e -> (e.ts() + e.level() + e.source() + e.message()).contains("\r")));
        assertEquals("a.b", all.get(0).source());
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(entries(0, 1).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("2026-04-01 10:00:01 [INFO] a.b: bad ".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xFE, (byte) 0xC3, ' ', (byte) 0x80 });
        bytes.writeBytes(" end\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] { (byte) 0xE2, (byte) 0x82, '\n' }); // a torn character as a line
        bytes.writeBytes(entries(2, 3).getBytes(StandardCharsets.UTF_8));
        Files.write(current(), bytes.toByteArray());
        settle(current());
        List<LogEntry> all = read(null, null, null, null);
        assertEquals(3, all.size());
        assertEquals("entry 2", all.get(0).message());
        assertEquals("bad \uFFFD\uFFFD\uFFFD \uFFFD end\n\uFFFD", all.get(1).message());
        assertEquals("entry 0", all.get(2).message());
    }

    @Test
    void anUnfinishedLastLineOfTheCurrentFileIsLeftOut() throws Exception {
        write("security-cam.log", entries(0, 2) + "2026-04-01 10:00:02 [INFO] a.b: half wri");
        assertEquals(List.of("entry 1", "entry 0"), messages(read(null, null, null, null)));
    }

    @Test
    void theNewestEntryIsLeftOutWhileItsNextLineIsBeingWritten() throws Exception {
        write("security-cam.log", entries(0, 2) + line(2, "ERROR", "a", "failing") + "\tat half-wri");
        assertEquals(List.of("entry 1", "entry 0"), messages(read(null, null, null, null)));
        write("security-cam.log", entries(0, 2) + line(2, "ERROR", "a", "failing") + "2026-04-01 10:0");
        assertEquals(List.of("entry 1", "entry 0"), messages(read(null, null, null, null)),
                "too little of the next line to tell");
        write("security-cam.log", entries(0, 2) + line(2, "ERROR", "a", "done") + "2026-04-01 10:00:03 [INFO] a");
        assertEquals(List.of("done", "entry 1", "entry 0"), messages(read(null, null, null, null)));
    }

    @Test
    void theNewestEntryOfAFileChangedJustNowWaitsForAMoment() throws Exception {
        Files.writeString(current(), entries(0, 3));
        assertEquals(List.of("entry 1", "entry 0"), messages(read(null, null, null, null)));
        Thread.sleep(LogReader.QUIET_MS + 50);
        assertEquals(List.of("entry 2", "entry 1", "entry 0"), messages(read(null, null, null, null)));
    }

    @Test
    void aRotatedFileWithoutItsLastLineFeedKeepsItsLastLine() throws Exception {
        write("security-cam.log.1", entries(0, 2).stripTrailing());
        assertEquals(List.of("entry 1", "entry 0"), messages(read(null, null, null, null)));
    }

    @Test
    void searchIsCaseInsensitiveAnywhereInTheEntry() throws Exception {
        write("security-cam.log", entries(0, 4) + line(4, "ERROR", "org.Presence.Sensor", "went away")
                + "\tCaused by: Timeout talking to the PIR\n" + entries(5, 8));
        assertEquals(List.of("entry 3"), messages(read(null, null, "ENTRY 3", null)));
        List<LogEntry> presence = read(null, null, "presence", null);
        assertEquals(1, presence.size(), "in the source");
        assertEquals("org.Presence.Sensor", presence.get(0).source());
        assertEquals(1, read(null, null, "timeout TALKING", null).size(), "in a continuation line");
        assertEquals(1, read(null, null, "10:00:04", null).size(), "in the timestamp");
        assertEquals(2, read(null, null, "[warning]", null).size(), "in the level as written");
        assertEquals(List.of(), read(null, null, "nowhere", null));
    }

    @Test
    void sourceIsExactIgnoringCase() throws Exception {
        write("security-cam.log", entries(0, 6));
        assertEquals(List.of("entry 4", "entry 2", "entry 0"), messages(read(null, null, null, "A.B")));
        assertEquals(List.of(), read(null, null, null, "a"));
        assertEquals(List.of(), read(null, null, null, "a.b "));
    }

    @Test
    void filtersCombineAndApplyBeforeTheLimit() throws Exception {
        write("security-cam.log.1", entries(0, 1000));
        write("security-cam.log", entries(1000, 2000));
        // ERROR entries are those with n % 4 == 3, all from c.d (odd n); "entry 1" is in entry 1, 1x, 1xx, 1xxx.
        assertEquals(List.of("entry 1999", "entry 1995", "entry 1991"),
                messages(read("3", "ERROR", "entry 1", "c.d")));
        assertEquals(List.of("entry 1999", "entry 1995"), messages(read("2", "error", null, null)));
        assertEquals(List.of(), read(null, "INFO", null, "a.b"), "INFO entries are all from c.d");
        String[][] combinations = { { "ERROR", null, null }, { null, "ENTRY 12", null }, { null, null, "C.D" },
            { "DEBUG", "entry 8", null }, { "WARNING", null, "a.b" }, { null, "entry 7", "c.d" },
            { "ERROR", "entry 3", "c.d" } };
        for (String[] c : combinations) {
            List<String> expected = new ArrayList<>();
            for (int n = 1999; n >= 0 && expected.size() < 50; n--) {
                String message = "entry " + n;
                String source = n % 2 == 0 ? "a.b" : "c.d";
                if ((c[0] == null || c[0].equals(LEVELS[n % 4]))
                        && (c[1] == null || message.contains(c[1].toLowerCase()))
                        && (c[2] == null || c[2].equalsIgnoreCase(source))) {
                    expected.add(message);
                }
            }
            assertEquals(expected, messages(read("50", c[0], c[1], c[2])),
                    Arrays.toString(c));
        }
    }

    @Test
    void limitDefaultsTo500AndIsCappedAt2000() throws Exception {
        write("security-cam.log.1", entries(0, 1500));
        write("security-cam.log", entries(1500, 3000));
        assertEquals(500, read(null, null, null, null).size());
        assertEquals(2000, read("5000", null, null, null).size());
        assertEquals(2000, read("99999999999999999999999", null, null, null).size());
        assertEquals(7, read("+7", null, null, null).size());
        assertEquals(1, read("0001", null, null, null).size());
        List<LogEntry> capped = read("2000", null, null, null);
        assertEquals("entry 2999", capped.get(0).message());
        assertEquals("entry 1000", capped.get(1999).message());
    }

    @Test
    void badQueriesAreRefused() {
        for (String limit : List.of("abc", "0", "-1", "1.5", "", " 5", "1e3", "0x10", "00")) {
            InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                    () -> LogQuery.of(limit, null, null, null), limit);
            assertTrue(e.getMessage().startsWith("limit must"), e.getMessage());
        }
        assertThrows(InvalidSettingsException.class, () -> LogQuery.of(null, "WARN", null, null));
        assertThrows(InvalidSettingsException.class, () -> LogQuery.of(null, "loud", null, null));
        assertEquals(new LogQuery(500, null, null, null), LogQuery.of(null, "", "", ""));
    }
}
