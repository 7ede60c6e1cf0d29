package org.securitycam.system;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.SyncFailedException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A history kept as one JSON object per line. Adding an entry appends one line with a single write, never a
 * rewrite; {@link #rewrite} replaces the whole file atomically (a temporary file, fsynced, renamed over it) to
 * drop old entries. A power cut can leave at most a torn last line, which the next load drops. A file with any
 * other line that does not parse is set aside as {@code <name>.corrupt-<time>} with an ERROR line, and the
 * history starts fresh.
 */
final class HistoryFile implements AutoCloseable {
    /** A history file larger than this is not one this device wrote. */
    static final long MAX_SIZE = 32L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(HistoryFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final Path file;
    /** Plain stream writes, unlike a FileChannel's, are not closed by an interrupt of the writing thread. */
    private FileOutputStream out;
    private int lines;

    HistoryFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** How many entries the file holds now. */
    synchronized int lines() {
        return lines;
    }

    /** Reads the entries, oldest first, and opens the file for appending. */
    synchronized List<Map<String, Object>> load() throws IOException {
        Files.createDirectories(file.getParent());
        List<Map<String, Object>> entries = new ArrayList<>();
        if (Files.exists(file)) {
            entries = parse();
        }
        out = new FileOutputStream(file.toFile(), true);
        lines = entries.size();
        return entries;
    }

    private List<Map<String, Object>> parse() throws IOException {
        if (Files.size(file) > MAX_SIZE) {
            setAside("it is larger than " + MAX_SIZE + " bytes");
            return new ArrayList<>();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<Map<String, Object>> entries = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            lineNumber++;
            String line = text.substring(start, nl);
            start = nl + 1;
            if (line.isBlank()) {
                continue;
            }
            try {
                Map<String, Object> entry = JSON.readValue(line, MAP);
                if (entry == null) {
                    throw new IOException("null");
                }
                entries.add(entry);
            } catch (IOException e) {
                setAside("line " + lineNumber + " is not a JSON object");
                return new ArrayList<>();
            }
        }
        if (start < text.length()) {
            if (entries.isEmpty()) {
                setAside("it holds no complete line");
                return entries;
            }
            // The last write was cut short: drop the torn line so the next one starts on a line of its own.
            LOG.warn("{} ended in a torn line (a power cut while writing); dropped it", file);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(text.substring(0, start).getBytes(StandardCharsets.UTF_8).length);
            }
        }
        return entries;
    }

    private void setAside(String why) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        LOG.error("{} is corrupt ({}); moved it to {} and starting a fresh history", file, why, aside);
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.error("Could not move the corrupt {} aside: {}", file, e.getMessage());
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // then the appends go after the corrupt content, and the next load sets it aside again
            }
        }
    }

    /** Appends one entry with one write, not forced to the disk: {@link #sync} does that. */
    synchronized void append(Map<String, Object> entry) throws IOException {
        if (out == null) {
            throw new IOException("the history " + file + " is not open");
        }
        out.write(line(entry));
        lines++;
    }

    /** Forces what was appended to the disk, without holding up appends while it does. */
    void sync() throws IOException {
        FileDescriptor fd;
        synchronized (this) {
            if (out == null) {
                return;
            }
            fd = out.getFD();
        }
        try {
            fd.sync();
        } catch (SyncFailedException e) {
            // the file was rewritten meanwhile, and the rewrite forced it to the disk
        }
    }

    /** Replaces the file's content with these entries, atomically and durably. */
    void rewrite(List<Map<String, Object>> entries) throws IOException {
        replace(writeTemp(entries), List.of(), entries.size());
    }

    /**
     * Writes entries to the temporary file that {@link #replace} renames over the history, and forces it to the
     * disk. It holds no lock, so appends go on meanwhile.
     */
    Path writeTemp(List<Map<String, Object>> entries) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            write(ch, entries);
            ch.force(true);
        }
        return tmp;
    }

    /**
     * Adds the entries appended since {@link #writeTemp} to the temporary file and renames it over the history:
     * the file is at every moment either the old one or the new one.
     *
     * @param lines how many entries the new file holds
     */
    synchronized void replace(Path tmp, List<Map<String, Object>> appendedSince, int lines) throws IOException {
        if (!appendedSince.isEmpty()) {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                write(ch, appendedSince);
                ch.force(true);
            }
        }
        if (out != null) {
            out.close();
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(file.getParent());
        out = new FileOutputStream(file.toFile(), true);
        this.lines = lines;
    }

    private static void write(FileChannel ch, List<Map<String, Object>> entries) throws IOException {
        for (Map<String, Object> e : entries) {
            ByteBuffer buf = ByteBuffer.wrap(line(e));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.getFD().sync();
            out.close();
            out = null;
        }
    }

    private static byte[] line(Map<String, Object> entry) throws JsonProcessingException {
        byte[] json = JSON.writeValueAsBytes(entry);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    /** Makes the rename itself durable; without it a power cut can bring the old file back. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.debug("Directory sync not supported on {}", dir);
        }
    }
}
