package org.securitycam.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    @TempDir
    Path dir;
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        background.shutdown();
        assertTrue(background.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static Map<String, Object> entry(Instant ts, int n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", Times.iso(ts));
        m.put("type", "test");
        m.put("n", n);
        return m;
    }

    private History open(Path file, int capacity, Duration maxAge) throws Exception {
        History h = new History(new HistoryFile(file), capacity, maxAge, background);
        h.open(Instant.now());
        return h;
    }

    private static long lines(Path file) throws Exception {
        try (Stream<String> s = Files.lines(file)) {
            return s.count();
        }
    }

    @Test
    void theCapHoldsAndTheFileOnlyGrowsByAppendsUntilItIsCompacted() throws Exception {
        Path file = dir.resolve("events.jsonl");
        History h = open(file, 100, null);
        Instant t = Instant.now();
        for (int i = 0; i < 150; i++) {
            h.add(t, entry(t, i));
        }
        assertEquals(100, h.size());
        assertEquals(150, lines(file), "appended, not rewritten");
        assertEquals(50, h.since(Instant.EPOCH).get(0).json().get("n"), "the oldest went first");
        for (int i = 150; i < 260; i++) {
            h.add(t, entry(t, i));
        }
        // The rewrite runs in the background once the file holds twice the cap.
        background.submit(() -> null).get();
        assertTrue(lines(file) <= 200, "compacted: " + lines(file));
        h.close();
        History again = open(file, 100, null);
        List<History.Item> items = again.since(Instant.EPOCH);
        assertEquals(100, items.size());
        assertEquals(259, items.get(99).json().get("n"));
        assertEquals(160, items.get(0).json().get("n"));
        again.close();
    }

    @Test
    void entriesAddedWhileTheFileLoadsAreWrittenAfterWhatItHeld() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Instant t = Instant.now();
        Files.writeString(file, line(t) + line(t));
        History h = new History(new HistoryFile(file), 100, null, background);
        h.add(t, entry(t, 7));
        h.open(Instant.now());
        List<History.Item> items = h.since(Instant.EPOCH);
        assertEquals(3, items.size());
        assertEquals(7, items.get(2).json().get("n"));
        h.add(t, entry(t, 8));
        h.close();
        assertEquals(4, lines(file));
        assertEquals(8, open(file, 100, null).since(Instant.EPOCH).get(3).json().get("n"));
    }

    @Test
    void aTornLastLineIsDroppedAndTheNextAppendStartsOnItsOwnLine() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Instant t = Instant.now();
        Files.writeString(file, "{\"ts\":\"" + Times.iso(t) + "\",\"n\":1}\n{\"ts\":\"" + Times.iso(t) + "\",\"n\"");
        History h = open(file, 100, null);
        assertEquals(1, h.size());
        h.add(t, entry(t, 2));
        h.close();
        assertEquals(2, lines(file));
        assertEquals(2, open(file, 100, null).size());
        assertTrue(noCorruptFile(), "a torn line is not corruption");
    }

    @Test
    void aCorruptFileIsSetAsideAndTheHistoryStartsFresh() throws Exception {
        Path file = dir.resolve("health.jsonl");
        Files.writeString(file, "{\"ts\":\"2026-01-01T00:00:00Z\"}\nthis is not json\n{\"ts\":\"2026-01-01T00:00:00Z\"}\n");
        History h = open(file, 100, null);
        assertEquals(0, h.size());
        assertTrue(!noCorruptFile(), "set aside");
        h.add(Instant.now(), entry(Instant.now(), 1));
        h.close();
        assertEquals(1, lines(file));
        Files.writeString(file, "\u0000\u0001garbage without a line end", StandardCharsets.ISO_8859_1);
        assertEquals(0, open(file, 100, null).size());
    }

    @Test
    void entriesPastTheirAgeAreDropped() throws Exception {
        Path file = dir.resolve("health.jsonl");
        Instant now = Instant.now();
        StringBuilder old = new StringBuilder();
        old.append(line(now.minus(Duration.ofHours(80)))).append(line(now.minus(Duration.ofHours(10))));
        Files.writeString(file, old);
        History h = open(file, 864, Duration.ofHours(72));
        assertEquals(1, h.size());
        assertEquals(1, lines(file), "rewritten without the old one");
        assertEquals(0, h.since(now.minus(Duration.ofHours(5))).size());
        h.close();
    }

    private static String line(Instant ts) {
        return "{\"ts\":\"" + Times.iso(ts) + "\"}\n";
    }

    private boolean noCorruptFile() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.noneMatch(p -> p.getFileName().toString().contains(".corrupt-"));
        }
    }
}
