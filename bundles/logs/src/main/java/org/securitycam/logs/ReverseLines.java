package org.securitycam.logs;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * The lines of one open file from the last to the first, read in blocks from the end: the cost follows the
 * number of lines taken, not the size of the file, and memory is one block plus one line. A line longer than
 * {@code maxBytes} is read from its start up to that many bytes and marked cut, so its first words (the
 * timestamp, level and source) are kept. A CR before the LF is dropped; bytes that are not UTF-8 become U+FFFD.
 * <p>
 * The file is read up to its size when this was made. A file that grows later keeps its new lines for the next
 * reader; one that shrinks under the reader ends the reading with an {@link IOException}.
 */
final class ReverseLines {
    static final int BLOCK = 64 * 1024;

    /** A line's text, and whether it was longer than the reader takes. */
    record Line(String text, boolean cut) {
    }

    private final FileChannel channel;
    private final int maxBytes;
    private final byte[] block = new byte[BLOCK];
    private long blockStart;
    private int blockLength;
    /** Where the complete lines end: after the last LF, or at the end of the file if its last line counts. */
    private final long completeEnd;
    /** The end (exclusive, before its LF) of the line {@link #previous} returns next; -1 once the first was. */
    private long end;

    /**
     * @param unfinishedLastLine whether a last line without its LF is still being written, and left out; in a
     *        file nobody writes any more, it is a line like the others
     */
    ReverseLines(FileChannel channel, boolean unfinishedLastLine, int maxBytes) throws IOException {
        this.channel = channel;
        this.maxBytes = maxBytes;
        long size = channel.size();
        if (size == 0) {
            completeEnd = 0;
        } else if (byteAt(size - 1) == '\n') {
            completeEnd = size;
        } else if (unfinishedLastLine) {
            completeEnd = lastLineFeedBefore(size) + 1;
        } else {
            completeEnd = size + 1; // as if the LF were there
        }
        end = completeEnd - 1;
    }

    /** The line before the one returned last (at first, the last line), or null after the first line. */
    Line previous() throws IOException {
        if (end < 0) {
            return null;
        }
        long lineFeed = lastLineFeedBefore(end);
        Line line = read(lineFeed + 1, end);
        end = lineFeed;
        return line;
    }

    /**
     * The first characters of what the file holds now after its complete lines (up to the next LF, at most
     * {@code max} bytes): a line still being written, or what was written since; empty if nothing.
     */
    String following(int max) throws IOException {
        byte[] bytes = new byte[max];
        int n = Math.max(0, channel.read(ByteBuffer.wrap(bytes), Math.min(completeEnd, channel.size())));
        int length = 0;
        while (length < n && bytes[length] != '\n') {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private Line read(long start, long lineEnd) throws IOException {
        long length = lineEnd - start;
        boolean cut = length > maxBytes;
        int take = (int) Math.min(length, maxBytes);
        byte[] bytes;
        int offset;
        if (start >= blockStart && lineEnd <= blockStart + blockLength) {
            bytes = block;
            offset = (int) (start - blockStart);
        } else {
            bytes = new byte[take];
            offset = 0;
            readFully(start, bytes, take);
        }
        if (cut) {
            take = utf8Boundary(bytes, offset, take);
        } else if (take > 0 && bytes[offset + take - 1] == '\r') {
            take--;
        }
        return new Line(new String(bytes, offset, take, StandardCharsets.UTF_8), cut);
    }

    /** The length to keep so that a character whose bytes run past {@code take} is left out whole. */
    private static int utf8Boundary(byte[] bytes, int offset, int take) {
        int lead = take - 1;
        while (lead > 0 && (bytes[offset + lead] & 0xC0) == 0x80 && take - lead < 4) {
            lead--;
        }
        int b = bytes[offset + lead] & 0xFF;
        int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return lead + needed > take ? lead : take;
    }

    /** The position of the last LF before {@code limit}, or -1. */
    private long lastLineFeedBefore(long limit) throws IOException {
        long p = limit - 1;
        while (p >= 0) {
            if (p < blockStart || p >= blockStart + blockLength) {
                load(p);
            }
            int i = (int) (p - blockStart);
            while (i >= 0 && block[i] != '\n') {
                i--;
            }
            if (i >= 0) {
                return blockStart + i;
            }
            p = blockStart - 1;
        }
        return -1;
    }

    private byte byteAt(long position) throws IOException {
        load(position);
        return block[(int) (position - blockStart)];
    }

    /** Loads the block that ends with the byte at {@code last}. */
    private void load(long last) throws IOException {
        long from = Math.max(0, last + 1 - BLOCK);
        int length = (int) (last + 1 - from);
        blockLength = 0;
        readFully(from, block, length);
        blockStart = from;
        blockLength = length;
    }

    private void readFully(long position, byte[] into, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("The file became shorter while it was read");
            }
        }
    }
}
