package org.securitycam.dashboard;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The built page as a fixed set of files, and which variant of one answers a request. Only a name of the set is
 * ever served, so no request can reach anything outside the built folder, whatever its path. {@code /} is the page
 * itself. Names under {@code assets/} carry a hash of their content and are cached for a year; the page is
 * revalidated on every load so that a new build shows at once. A file built with precompressed siblings
 * ({@code .br}, {@code .gz}) is answered with the best one the client accepts; the siblings have no address of
 * their own.
 */
final class StaticFiles {
    static final String PAGE = "index.html";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    private static final String ASSETS = "assets/";
    private static final String[][] ENCODINGS = {{"br", ".br"}, {"gzip", ".gz"}};
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html;charset=utf-8"),
            Map.entry("js", "text/javascript;charset=utf-8"),
            Map.entry("css", "text/css;charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("json", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"));

    /** One answer: the bytes, their encoding ({@code null} for identity), and the headers that go with them. */
    record Variant(byte[] body, String encoding, String contentType, String cacheControl, String etag) {
    }

    private final Map<String, byte[]> files;

    /** The files by their name relative to the built folder, such as {@code assets/index-3f2a.js}. */
    StaticFiles(Map<String, byte[]> files) {
        this.files = Map.copyOf(new HashMap<>(files));
    }

    /** Whether a request path (decoded, normalised, starting with {@code /}) names a file of the page. */
    boolean serves(String path) {
        return name(path).isPresent();
    }

    /** The variant to send for a request path and its {@code Accept-Encoding} header, or empty for 404. */
    Optional<Variant> resolve(String path, String acceptEncoding) {
        return name(path).map(name -> {
            String encoding = null;
            byte[] body = files.get(name);
            for (String[] candidate : ENCODINGS) {
                byte[] compressed = files.get(name + candidate[1]);
                if (compressed != null && accepts(acceptEncoding, candidate[0])) {
                    encoding = candidate[0];
                    body = compressed;
                    break;
                }
            }
            String cache = name.startsWith(ASSETS) ? IMMUTABLE : REVALIDATE;
            return new Variant(body, encoding, type(name), cache, etag(body));
        });
    }

    private Optional<String> name(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        String name = path.equals("/") ? PAGE : path.substring(1);
        if (name.endsWith(".br") || name.endsWith(".gz") || !files.containsKey(name)) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /** Whether an {@code Accept-Encoding} header allows a coding: listed (or {@code *}) with a quality above 0. */
    static boolean accepts(String header, String coding) {
        if (header == null) {
            return false;
        }
        Boolean wildcard = null;
        for (String part : header.split(",")) {
            String[] fields = part.trim().split(";");
            String name = fields[0].trim().toLowerCase(Locale.ROOT);
            boolean allowed = quality(fields) > 0;
            if (name.equals(coding)) {
                return allowed;
            }
            if (name.equals("*")) {
                wildcard = allowed;
            }
        }
        return Boolean.TRUE.equals(wildcard);
    }

    private static double quality(String[] fields) {
        for (int i = 1; i < fields.length; i++) {
            String field = fields[i].trim();
            if (field.startsWith("q=")) {
                try {
                    return Double.parseDouble(field.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private static String type(String name) {
        int dot = name.lastIndexOf('.');
        return TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }

    private static String etag(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return "\"" + Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(body.length) + "\"";
    }
}
