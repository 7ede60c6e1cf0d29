package org.securitycam.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer appends entries and rotates the files as the device's logger does (delete the oldest, shift the
 * others, move the current file to .1, start a new one) as fast as it can, while reads run: every read answers,
 * and what it answers is a run of consecutive entries, newest first, each one whole.
 */
class ReadWhileRotatingTest {
    private static final int ROTATE_AT = 16 * 1024;

    @TempDir
    Path dir;

    private Path file(int index) {
        return dir.resolve(index == 0 ? "security-cam.log" : "security-cam.log." + index);
    }

    private static String message(long n) {
        StringBuilder s = new StringBuilder("entry ").append(n);
        for (int k = 0; k < n % 4; k++) {
            s.append("\n\tline ").append(k).append(" of entry ").append(n);
        }
        return s.toString();
    }

    @Test
    void readsWhileAWriterAppendsAndRotates() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger rotations = new AtomicInteger();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                FileChannel out = FileChannel.open(file(0), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                for (long n = 0; !stop.get(); n++) {
                    String entry = "2026-04-01 10:00:00 [INFO] writer: " + message(n) + "\n";
                    // one write per entry, as the logger does
                    out.write(ByteBuffer.wrap(entry.getBytes(StandardCharsets.UTF_8)));
                    if (out.size() >= ROTATE_AT) {
                        out.close();
                        Files.deleteIfExists(file(3));
                        for (int i = 2; i >= 1; i--) {
                            if (Files.exists(file(i))) {
                                Files.move(file(i), file(i + 1));
                            }
                        }
                        Files.move(file(0), file(1));
                        out = FileChannel.open(file(0), StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND);
                        rotations.incrementAndGet();
                    }
                }
                out.close();
            } catch (Throwable e) {
                writerFailure.set(e);
            }
        }, "log-writer");
        LogReader reader = new LogReader(LogFormat.DEVICE, List.of(file(0), file(1), file(2), file(3)));
        writer.start();
        int reads = 0;
        long entriesSeen = 0;
        try {
            long until = System.nanoTime() + 4_000_000_000L;
            while (System.nanoTime() < until && writerFailure.get() == null) {
                List<LogEntry> got = new ArrayList<>();
                int limit = reads % 3 == 0 ? 2000 : 1 + reads % 300;
                reader.read(LogQuery.of(Integer.toString(limit), null, null, null), got::add);
                reads++;
                entriesSeen += got.size();
                check(got, limit);
            }
        } finally {
            stop.set(true);
            writer.join(10_000);
        }
        assertEquals(null, writerFailure.get());
        assertTrue(rotations.get() >= 20 && reads >= 20, rotations + " rotations during " + reads + " reads");
        assertTrue(entriesSeen > reads, "the reads found entries: " + entriesSeen);
    }

    private static void check(List<LogEntry> got, int limit) {
        assertTrue(got.size() <= limit);
        long previous = -1;
        for (LogEntry e : got) {
            String m = e.message();
            if (!m.startsWith("entry ")) {
                fail("torn entry: " + m);
            }
            int end = m.indexOf('\n');
            long n = Long.parseLong(end < 0 ? m.substring(6) : m.substring(6, end));
            if (!m.equals(message(n))) {
                fail("torn entry " + n + ": " + m);
            }
            if (previous >= 0 && n != previous - 1) {
                fail("entry " + n + " after entry " + previous + ": repeated or out of order");
            }
            previous = n;
        }
    }
}
