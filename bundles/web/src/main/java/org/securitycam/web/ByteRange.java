package org.securitycam.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * What a {@code Range} request header asks of a file of known length, and the response that serves it. One range
 * of bytes is served as 206; a header that does not parse, names another unit or asks for several ranges is
 * ignored and the whole file is sent (200), as HTTP allows; a range that starts past the end is 416 with
 * {@code Content-Range: bytes *}{@code /<length>}. Every video route serves its files through here.
 */
public final class ByteRange {
    /** What the response will be. */
    public enum Outcome {
        /** No usable range: 200 with the whole file. */
        WHOLE(200),
        /** One range: 206 with those bytes. */
        PARTIAL(206),
        /** A range that selects nothing of the file: 416. */
        UNSATISFIABLE(416);

        private final int status;

        Outcome(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final Pattern UNIT = Pattern.compile("(?i)bytes=(.*)");
    private static final Pattern SPEC = Pattern.compile("(\\d*)-(\\d*)");
    private static final int BUFFER = 64 * 1024;

    private final Outcome outcome;
    private final long start;
    private final long end;
    private final long length;

    private ByteRange(Outcome outcome, long start, long end, long length) {
        this.outcome = outcome;
        this.start = start;
        this.end = end;
        this.length = length;
    }

    /**
     * @param header the request's {@code Range} header, or null
     * @param length the file's length in bytes
     */
    public static ByteRange of(String header, long length) {
        ByteRange whole = new ByteRange(Outcome.WHOLE, 0, length - 1, length);
        if (header == null) {
            return whole;
        }
        Matcher unit = UNIT.matcher(header.strip());
        if (!unit.matches()) {
            return whole;
        }
        // A list: empty elements are allowed around the commas, and a second range is more than is served.
        List<String> specs = new ArrayList<>();
        for (String element : unit.group(1).split(",", -1)) {
            if (!element.isBlank()) {
                specs.add(element.strip());
            }
        }
        if (specs.size() != 1) {
            return whole;
        }
        Matcher spec = SPEC.matcher(specs.get(0));
        if (!spec.matches() || spec.group(1).isEmpty() && spec.group(2).isEmpty()) {
            return whole;
        }
        if (spec.group(1).isEmpty()) {
            long suffix = number(spec.group(2));
            if (suffix == 0 || length == 0) {
                return unsatisfiable(length);
            }
            return new ByteRange(Outcome.PARTIAL, Math.max(0, length - suffix), length - 1, length);
        }
        long first = number(spec.group(1));
        long last = spec.group(2).isEmpty() ? Long.MAX_VALUE : number(spec.group(2));
        if (last < first) {
            return whole; // not a valid range at all
        }
        if (first >= length) {
            return unsatisfiable(length);
        }
        return new ByteRange(Outcome.PARTIAL, first, Math.min(last, length - 1), length);
    }

    private static ByteRange unsatisfiable(long length) {
        return new ByteRange(Outcome.UNSATISFIABLE, 0, -1, length);
    }

    /** Digits as a number; more than a long holds is as good as the largest long here. */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The first byte sent. */
    public long start() {
        return start;
    }

    /** The last byte sent, inclusive. */
    public long end() {
        return end;
    }

    /** How many bytes the body has. */
    public long count() {
        return end - start + 1;
    }

    /** The {@code Content-Range} header, or null for the whole file. */
    public String contentRange() {
        return switch (outcome) {
            case WHOLE -> null;
            case PARTIAL -> "bytes " + start + "-" + end + "/" + length;
            case UNSATISFIABLE -> "bytes */" + length;
        };
    }

    /**
     * The response for {@code file} (a path its route has confined) as {@code type}, with {@code Accept-Ranges},
     * {@code Content-Length}, {@code Last-Modified} and, for a range, {@code Content-Range}. The file is opened
     * without following a link, so one swapped in after the route checked the path is refused.
     */
    public static Response serve(Path file, String rangeHeader, MediaType type) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        ByteRange range = of(rangeHeader, a.size());
        if (range.outcome == Outcome.UNSATISFIABLE) {
            return Response.fromResponse(ApiError.of(416, "Range not satisfiable"))
                    .header("Content-Range", range.contentRange()).header("Accept-Ranges", "bytes").build();
        }
        StreamingOutput body = out -> copy(file, range.start, range.count(), out);
        Response.ResponseBuilder b = Response.status(range.outcome.status()).entity(body).type(type)
                .header("Accept-Ranges", "bytes").header("Content-Length", range.count())
                .lastModified(new Date(a.lastModifiedTime().toMillis()));
        if (range.outcome == Outcome.PARTIAL) {
            b.header("Content-Range", range.contentRange());
        }
        return b.build();
    }

    private static void copy(Path file, long from, long count, OutputStream out) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BUFFER, Math.max(count, 1)));
            long position = from;
            long left = count;
            while (left > 0) {
                buf.clear().limit((int) Math.min(buf.capacity(), left));
                int n = ch.read(buf, position);
                if (n < 0) {
                    break; // the file shrank since its length was sent; the client sees a short body
                }
                out.write(buf.array(), 0, n);
                position += n;
                left -= n;
            }
        }
    }

    @Override
    public String toString() {
        return outcome + (contentRange() == null ? "" : " " + contentRange());
    }
}
