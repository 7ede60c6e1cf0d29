package org.securitycam.logs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One log, written into a current file and rotated into older ones, read from its newest entry backwards until
 * a query has its entries. The files count as one text: lines at the top of a newer file that start no entry
 * belong to the last entry of the older one.
 * <p>
 * The files are opened together, and opened again if a rotation moved them meanwhile, so that a read sees
 * each of them once even while the log rotates: an entry appears once or not at all. An entry is at most
 * {@link #MAX_ENTRY} characters: a longer one keeps its start (its first line first) and ends with
 * {@link #CUT}; the search sees what is kept. A file that vanishes, shrinks or fails while it is read ends
 * that file's part of the answer, never the request.
 */
final class LogReader {
    static final int MAX_ENTRY = 64 * 1024;
    static final String CUT = " …[cut at 64 KiB]";
    /** Opening all files takes microseconds, and rotations are megabytes apart: a few attempts suffice. */
    private static final int OPEN_ATTEMPTS = 20;
    /** Enough of a line to tell whether it starts an entry. */
    private static final int PEEK = 64;
    /** How long after its last change the file being written counts as in the middle of a write. */
    static final long QUIET_MS = 100;

    /** Receives the entries of a read, newest first. */
    interface Sink {
        void accept(LogEntry entry) throws IOException;
    }

    private final LogFormat format;
    private final List<Path> files;

    /** @param files newest first: the file being written, then the rotated ones, newer before older */
    LogReader(LogFormat format, List<Path> files) {
        this.format = format;
        this.files = List.copyOf(files);
    }

    /**
     * Hands the newest entries that pass the query to the sink, newest first, at most {@code query.limit()}.
     *
     * @return how many it handed over
     * @throws IOException only from the sink
     */
    int read(LogQuery query, Sink sink) throws IOException {
        List<FileChannel> open = openTogether();
        try {
            return read(open, query, sink);
        } finally {
            for (FileChannel channel : open) {
                closeQuietly(channel);
            }
        }
    }

    private int read(List<FileChannel> open, LogQuery query, Sink sink) throws IOException {
        Continuation continuation = new Continuation();
        int count = 0;
        boolean newest = true;
        for (int i = 0; i < open.size() && count < query.limit(); i++) {
            if (open.get(i) == null) {
                continue;
            }
            boolean current = i == 0;
            ReverseLines lines;
            try {
                lines = new ReverseLines(open.get(i), current, MAX_ENTRY);
            } catch (IOException e) {
                continue;
            }
            while (count < query.limit()) {
                ReverseLines.Line line;
                try {
                    line = lines.previous();
                } catch (IOException shrunk) {
                    break;
                }
                if (line == null) {
                    break;
                }
                if (!format.startsEntry(line.text())) {
                    continuation.addBefore(line);
                    continue;
                }
                String rest = continuation.join(line.text().length());
                boolean cut = line.cut() || continuation.cut();
                continuation.clear();
                if (newest && current && stillWritten(lines)) {
                    newest = false;
                    continue;
                }
                newest = false;
                if (!query.matchesText(rest.isEmpty() ? line.text() : line.text() + "\n" + rest)) {
                    continue;
                }
                LogEntry entry = format.parse(line.text(), rest);
                if (!query.matches(entry)) {
                    continue;
                }
                sink.accept(cut ? new LogEntry(entry.ts(), entry.level(), entry.source(), entry.message() + CUT)
                        : entry);
                count++;
            }
        }
        return count;
    }

    /**
     * Whether the newest entry of the file being written may still be growing, and is left out rather than
     * shown torn: something follows it that does not start an entry (its next line, half written), or nothing
     * follows yet but the file changed a moment ago. The kernel makes a write visible a page at a time, so a
     * reader can see part of an entry the writer wrote at once; a file left alone for a moment is in no write.
     */
    private boolean stillWritten(ReverseLines lines) {
        try {
            String next = lines.following(PEEK);
            if (!next.isEmpty()) {
                return !format.startsEntry(next);
            }
            long age = System.currentTimeMillis() - Files.getLastModifiedTime(files.get(0)).toMillis();
            return Math.abs(age) < QUIET_MS;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Opens every file that exists. A rotation between two openings could show the same file twice (as the
     * current file, then as the first rotated one), so the files' identities before and after must agree.
     */
    private List<FileChannel> openTogether() {
        for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
            List<Object> before = identities();
            List<FileChannel> open = new ArrayList<>(files.size());
            for (Path file : files) {
                open.add(openOrNull(file));
            }
            if (before.equals(identities())) {
                return open;
            }
            open.forEach(LogReader::closeQuietly);
        }
        // Rotations keep racing the opening: the current file alone cannot show an entry twice.
        List<FileChannel> open = new ArrayList<>();
        open.add(openOrNull(files.get(0)));
        return open;
    }

    private List<Object> identities() {
        List<Object> ids = new ArrayList<>(files.size());
        for (Path file : files) {
            Object id;
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                id = Objects.requireNonNullElse(a.fileKey(), a.creationTime());
            } catch (IOException e) {
                id = null;
            }
            ids.add(id);
        }
        return ids;
    }

    private static FileChannel openOrNull(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException | SecurityException e) {
            return null; // not rotated that far yet, or unreadable: no entries from it
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written through it
            }
        }
    }

    /**
     * The lines below an entry's first line, met last to first while reading backwards. It keeps the earliest
     * (the top of a stack trace tells most), up to {@link #MAX_ENTRY} characters in all.
     */
    private static final class Continuation {
        private final ArrayDeque<String> lines = new ArrayDeque<>();
        private int chars;
        private boolean cut;

        void addBefore(ReverseLines.Line line) {
            lines.addFirst(line.text());
            chars += line.text().length() + 1;
            cut |= line.cut();
            while (chars > MAX_ENTRY) {
                chars -= lines.removeLast().length() + 1;
                cut = true;
            }
        }

        /** The lines joined with LF, as many as fit after a first line of this length. */
        String join(int firstLength) {
            if (lines.isEmpty()) {
                return "";
            }
            StringBuilder out = new StringBuilder(Math.min(chars, MAX_ENTRY));
            int room = MAX_ENTRY - firstLength;
            boolean first = true;
            for (String line : lines) {
                if (out.length() + line.length() + 1 > room) {
                    cut = true;
                    break;
                }
                if (!first) {
                    out.append('\n');
                }
                out.append(line);
                first = false;
            }
            return out.toString();
        }

        boolean cut() {
            return cut;
        }

        void clear() {
            lines.clear();
            chars = 0;
            cut = false;
        }
    }
}
