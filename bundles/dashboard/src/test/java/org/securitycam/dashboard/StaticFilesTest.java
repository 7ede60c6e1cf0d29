package org.securitycam.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StaticFilesTest {
    private static final byte[] PAGE = bytes("<!doctype html>");
    private static final byte[] PAGE_BR = bytes("page-br");
    private static final byte[] SCRIPT = bytes("console.log(1)");
    private static final byte[] SCRIPT_GZ = bytes("script-gz");
    private static final byte[] SCRIPT_BR = bytes("script-br");

    private final StaticFiles files = new StaticFiles(Map.of(
            "index.html", PAGE, "index.html.br", PAGE_BR,
            "assets/index-3f2a.js", SCRIPT, "assets/index-3f2a.js.gz", SCRIPT_GZ,
            "assets/index-3f2a.js.br", SCRIPT_BR));

    @Test
    void theRootAndIndexAreThePageAndAreRevalidated() {
        StaticFiles.Variant root = files.resolve("/", null).orElseThrow();
        assertArrayEquals(PAGE, root.body());
        assertEquals("text/html;charset=utf-8", root.contentType());
        assertEquals("no-cache", root.cacheControl());
        assertNull(root.encoding());
        assertArrayEquals(PAGE, files.resolve("/index.html", "").orElseThrow().body());
    }

    @Test
    void assetsAreImmutableAndCompressedAsTheClientAllows() {
        StaticFiles.Variant br = files.resolve("/assets/index-3f2a.js", "gzip, deflate, br").orElseThrow();
        assertEquals("br", br.encoding());
        assertArrayEquals(SCRIPT_BR, br.body());
        assertEquals("public, max-age=31536000, immutable", br.cacheControl());
        assertEquals("text/javascript;charset=utf-8", br.contentType());

        StaticFiles.Variant gzip = files.resolve("/assets/index-3f2a.js", "gzip").orElseThrow();
        assertEquals("gzip", gzip.encoding());
        assertArrayEquals(SCRIPT_GZ, gzip.body());
        assertNotEquals(br.etag(), gzip.etag(), "each encoding is its own representation");

        StaticFiles.Variant refused = files.resolve("/assets/index-3f2a.js", "br;q=0, gzip;q=0").orElseThrow();
        assertNull(refused.encoding());
        assertArrayEquals(SCRIPT, refused.body());
        assertEquals("br", files.resolve("/assets/index-3f2a.js", "*").orElseThrow().encoding());
        assertEquals("gzip", files.resolve("/assets/index-3f2a.js", "br;q=0, *").orElseThrow().encoding());
    }

    @Test
    void nothingOutsideTheBuiltFilesIsServed() {
        for (String path : new String[] {"", "index.html", "/assets/", "/assets", "/assets/other.js",
                "/assets/index-3f2a.js.gz", "/index.html.br", "/../index.html", "/assets/../index.html",
                "/assets/..%2Findex.html", "//index.html", "/etc/passwd", "/assets/index-3f2a.js/"}) {
            assertTrue(files.resolve(path, "br").isEmpty(), path);
            assertFalse(files.serves(path), path);
        }
        assertTrue(files.serves("/"));
        assertTrue(files.serves("/assets/index-3f2a.js"));
        assertFalse(files.serves(null));
    }

    @Test
    void acceptEncodingHonoursQualities() {
        assertTrue(StaticFiles.accepts("gzip;q=0.5", "gzip"));
        assertFalse(StaticFiles.accepts("gzip;q=0", "gzip"));
        assertFalse(StaticFiles.accepts("GZIP;q=0.0", "gzip"));
        assertFalse(StaticFiles.accepts("identity", "gzip"));
        assertFalse(StaticFiles.accepts("gzip;q=x", "gzip"));
        assertFalse(StaticFiles.accepts(null, "br"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
