package org.securitycam.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange on its own connection, bytes exactly as given: for what a client library would refuse to
 * send or would normalise (empty segments, encoded slashes, bad escapes, chunked bodies).
 */
public record RawHttp(int status, String contentType, String body) {
    public static RawHttp exchange(int port, String head, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException refusedEarly) {
                    // the server answered before the whole body came: read what it said
                }
            }
            out.flush();
            return parse(s.getInputStream());
        }
    }

    /** A request line and headers; {@code Connection: close} is added so the answer ends the stream. */
    public static RawHttp get(int port, String target, String token) throws IOException {
        return exchange(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Connection: close\r\n\r\n", null);
    }

    /** A POST of about {@code size} bytes of JSON (an object of short strings) in chunks, with the token. */
    public static RawHttp chunkedPost(int port, String path, String token, int size) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; text.length() < size - 1100; i++) {
            text.append(i == 0 ? "" : ",").append("\"padding_").append(i).append("\":\"").append("a".repeat(1000)).append('"');
        }
        byte[] json = text.append('}').toString().getBytes(StandardCharsets.US_ASCII);
        for (int off = 0; off < json.length; off += 8192) {
            int n = Math.min(8192, json.length - off);
            body.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(json, off, n);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return exchange(port, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                + token + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                body.toByteArray());
    }

    private static RawHttp parse(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IOException("not an HTTP answer: " + text);
        }
        String head = text.substring(0, end);
        String type = "";
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                type = line.substring(13).trim();
            }
        }
        String body = text.substring(end + 4);
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = dechunk(body);
        }
        return new RawHttp(Integer.parseInt(text.substring(9, 12)), type, body);
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int nl = chunked.indexOf("\r\n", i);
            int n = Integer.parseInt(chunked.substring(i, nl).trim(), 16);
            if (n == 0) {
                return out.toString();
            }
            out.append(chunked, nl + 2, nl + 2 + n);
            i = nl + 2 + n + 2;
        }
    }

    public boolean isJson() {
        return contentType.startsWith("application/json");
    }

    @Override
    public String toString() {
        return status + " " + contentType + " " + (body.length() > 120 ? body.substring(0, 120) + "..." : body);
    }
}
