package org.securitycam.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.securitycam.api.media.MediaFile;
import org.securitycam.api.media.MediaKind;

/** More recordings with a meta than the cache keeps: every meta is still its own file's, read again when needed. */
class MetaCacheTest {
    @TempDir
    Path home;

    @Test
    void moreMetasThanTheCacheKeepsReadAgainRight() throws Exception {
        Path recordings = Files.createDirectories(home.resolve("recordings")).toRealPath();
        int n = MetaCache.CAPACITY + 100;
        for (int i = 0; i < n; i++) {
            String name = String.format("output_20260101_%06d", i);
            Files.write(recordings.resolve(name + ".mp4"), new byte[1]);
            Files.writeString(recordings.resolve(name + ".meta.json"), "{\"n\":" + i + "}");
        }
        MediaStoreService store = new MediaStoreService(() -> recordings, e -> { },
                () -> System.currentTimeMillis() + 60_000);
        List<MediaFile> listing = store.list(MediaKind.RECORDING);
        assertEquals(n, listing.size());
        MediaFile first = listing.get(0);
        Object kept = first.meta().orElseThrow();
        assertSame(kept, first.meta().orElseThrow(), "kept while recently used");
        for (int round = 0; round < 2; round++) {
            for (MediaFile f : listing) {
                String name = f.path().getFileName().toString();
                assertEquals(Integer.parseInt(name.substring(16, 22)), f.meta().orElseThrow().get("n"), name);
            }
        }
        assertNotSame(kept, first.meta().orElseThrow(), "pushed out by the others, then read again");
        assertEquals(MetaCache.CAPACITY + 99, first.meta().orElseThrow().get("n"));
    }
}
