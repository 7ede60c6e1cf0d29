package org.securitycam.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.securitycam.api.media.MediaException;
import org.securitycam.api.media.MediaFile;
import org.securitycam.api.media.MediaKind;
import org.securitycam.api.media.Sidecar;

/** Every path a client can send, and every sidecar a link can fake: nothing outside a kind's folder is reached. */
class MediaStoreConfinementTest {
    private static final String SECRET = "{\"Auth\":{\"password_hash\":\"pbkdf2$secret\",\"token\":\"t0ken\"}}";

    @TempDir
    Path home;
    Path recordings;
    Path settings;
    Path video;
    MediaStoreService store;
    final List<Event> events = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        recordings = Files.createDirectories(home.resolve("recordings"));
        settings = Files.createDirectories(home.resolve("settings")).resolve("settings.json");
        Files.writeString(settings, SECRET);
        video = Files.write(recordings.resolve("output_20260101_444444.mp4"), new byte[100]);
        Files.write(recordings.resolve("snapshot_20260101_120000.jpg"), new byte[10]);
        store = new MediaStoreService(() -> recordings, events::add, System::currentTimeMillis);
    }

    private MediaException.Reason refusal(MediaKind kind, String path) {
        return assertThrows(MediaException.class, () -> store.resolve(kind, path), path).reason();
    }

    @Test
    void aValidPathResolvesToItsRealPath() throws Exception {
        MediaFile f = store.resolve(MediaKind.RECORDING, video.toString());
        assertEquals(video.toRealPath(), f.path());
        assertEquals(100, f.size());
        assertEquals(MediaKind.RECORDING, f.kind());
        assertFalse(f.inProgress());
        assertEquals(f.path(), store.resolveName(MediaKind.RECORDING, "output_20260101_444444.mp4").path());
    }

    @Test
    void traversalAndWrongNamesAreInvalid() throws Exception {
        Files.createSymbolicLink(recordings.resolve("output_20200101_000000.mp4"), settings);
        Files.createSymbolicLink(recordings.resolve("output_20200101_000001.mp4"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(recordings.resolve("output_20200101_000002.mp4"), Path.of("../settings/settings.json"));
        Files.createDirectories(recordings.resolve("output_20200101_000003.mp4"));
        Files.createDirectories(recordings.resolve("sub"));
        Files.write(recordings.resolve("sub/output_20200101_000004.mp4"), new byte[1]);
        Files.write(recordings.resolve("output_20200101_000005.MP4"), new byte[1]);
        String r = recordings.toString();
        for (String attack : new String[] { "", "\u0000", r + "/output_20260101_444444.mp4\u0000.jpg",
                "output_20260101_444444.mp4", "recordings/output_20260101_444444.mp4",
                "./output_20260101_444444.mp4", r + "/../settings/settings.json", "../settings/settings.json",
                settings.toString(), "/etc/passwd", "/proc/self/environ", r + "/..%2fsettings%2fsettings.json",
                r + "/%2e%2e/settings/settings.json", r + "/sub/../output_20260101_444444.mp4",
                r + "/./output_20260101_444444.mp4", r + "/output_20260101_444444.mp4/..",
                r + "/output_20260101_444444.mp4/../../settings/settings.json", r, r + "/",
                r + "/output_20200101_000000.mp4", r + "/output_20200101_000001.mp4",
                r + "/output_20200101_000002.mp4", r + "/output_20200101_000003.mp4",
                r + "/sub/output_20200101_000004.mp4", r + "/output_20200101_000005.MP4",
                r + "/output_2026010_444444.mp4", r + "/output_20260101_444444.mp4.jpg",
                r + "/snapshot_20260101_120000.jpg", r + "/output_20260101_444444.meta.json",
                r + "/output_20260101_444444.thumb.jpg", home + "/output_20260101_444444.mp4" }) {
            assertEquals(MediaException.Reason.INVALID, refusal(MediaKind.RECORDING, attack), attack);
        }
        assertEquals(MediaException.Reason.INVALID, refusal(MediaKind.RECORDING, null));
        assertEquals(MediaException.Reason.INVALID, refusal(MediaKind.SNAPSHOT, video.toString()));
        // A timelapse lives in timelapse/, not beside the recordings.
        Files.write(recordings.resolve("timelapse_20260101.mp4"), new byte[1]);
        assertEquals(MediaException.Reason.INVALID, refusal(MediaKind.TIMELAPSE, r + "/timelapse_20260101.mp4"));
        for (String name : new String[] { "../settings/settings.json", "..%2F..%2Fsettings%2Fsettings.json", "",
                "output_20260101_444444.mp4/..", "sub/output_20200101_000004.mp4", "output_20200101_000000.mp4",
                "output_20260101_444444.mp4\u0000", r + "/output_20260101_444444.mp4", "settings.json" }) {
            assertEquals(MediaException.Reason.INVALID, assertThrows(MediaException.class,
                    () -> store.resolveName(MediaKind.RECORDING, name), name).reason(), name);
        }
        assertEquals("Invalid path", assertThrows(MediaException.class,
                () -> store.resolve(MediaKind.RECORDING, settings.toString())).getMessage());
        assertEquals(SECRET, Files.readString(settings));
    }

    @Test
    void aValidPathThatDoesNotExistIsNotFound() throws Exception {
        Files.createSymbolicLink(recordings.resolve("output_20200101_000009.mp4"),
                recordings.resolve("output_20200101_000010.mp4"));
        for (String missing : new String[] { recordings + "/output_20250101_000000.mp4",
                recordings + "/output_20200101_000009.mp4" }) {
            assertEquals(MediaException.Reason.NOT_FOUND, refusal(MediaKind.RECORDING, missing), missing);
        }
        assertEquals(MediaException.Reason.NOT_FOUND, assertThrows(MediaException.class,
                () -> store.resolveName(MediaKind.RECORDING, "output_20250101_000000.mp4")).reason());
        assertEquals(MediaException.Reason.NOT_FOUND,
                refusal(MediaKind.TIMELAPSE, recordings + "/timelapse/timelapse_20260101.mp4"));
    }

    @Test
    void aLinkToAnotherFileOfTheKindInTheFolderResolvesToThatFile() throws Exception {
        Path alias = Files.createSymbolicLink(recordings.resolve("output_20200101_000000.mp4"), video.getFileName());
        assertEquals(video.toRealPath(), store.resolve(MediaKind.RECORDING, alias.toString()).path());
        // Only the real file is listed, once.
        assertEquals(List.of(video.toRealPath()), store.list(MediaKind.RECORDING).stream().map(MediaFile::path).toList());
    }

    @Test
    void aSaveLocationReachedThroughALinkTakesBothSpellings() throws Exception {
        Path link = Files.createSymbolicLink(home.resolve("media-link"), recordings);
        MediaStoreService linked = new MediaStoreService(() -> link, e -> { }, System::currentTimeMillis);
        Path real = video.toRealPath();
        assertEquals(real, linked.resolve(MediaKind.RECORDING, link.resolve(video.getFileName()).toString()).path());
        assertEquals(real, linked.resolve(MediaKind.RECORDING, real.toString()).path());
        assertEquals(real, linked.list(MediaKind.RECORDING).get(0).path());
    }

    @Test
    void symlinkedSidecarsCountAsMissing() throws Exception {
        Files.createSymbolicLink(recordings.resolve("output_20260101_444444.meta.json"), settings);
        Files.createSymbolicLink(recordings.resolve("output_20260101_444444.thumb.jpg"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(recordings.resolve("output_20260101_444444.sprite.jpg"), settings);
        for (MediaFile f : List.of(store.list(MediaKind.RECORDING).get(0),
                store.resolve(MediaKind.RECORDING, video.toString()))) {
            assertEquals(Optional.empty(), f.meta());
            for (Sidecar s : Sidecar.values()) {
                assertEquals(Optional.empty(), f.sidecar(s), s.toString());
            }
        }
    }

    @Test
    void aSidecarIsUsedOnlyIfItIsAFileOfItsSortInTheFolder() throws Exception {
        Path other = Files.write(recordings.resolve("output_20260101_000000.mp4"), new byte[5]);
        Path otherThumb = Files.write(recordings.resolve("output_20260101_000000.thumb.jpg"), new byte[] { 1, 2 });
        Files.createSymbolicLink(recordings.resolve("output_20260101_444444.thumb.jpg"), otherThumb.getFileName());
        // A link to a recording is no sprite; a folder is no meta.
        Files.createSymbolicLink(recordings.resolve("output_20260101_444444.sprite.jpg"), other.getFileName());
        Files.createDirectories(recordings.resolve("output_20260101_444444.meta.json"));
        MediaFile f = store.resolve(MediaKind.RECORDING, video.toString());
        assertEquals(Optional.of(otherThumb.toRealPath()), f.sidecar(Sidecar.THUMBNAIL));
        assertEquals(Optional.empty(), f.sidecar(Sidecar.SPRITE));
        assertEquals(Optional.empty(), f.sidecar(Sidecar.META));
        assertEquals(Optional.empty(), f.meta());
    }

    @Test
    void aRegularMetaIsParsed() throws Exception {
        Files.writeString(recordings.resolve("output_20260101_444444.meta.json"),
                "{\"reason\":\"sensor\",\"duration_seconds\":null,\"tags\":[1,2]}");
        Map<String, Object> meta = store.list(MediaKind.RECORDING).get(0).meta().orElseThrow();
        assertEquals("sensor", meta.get("reason"));
        assertTrue(meta.containsKey("duration_seconds"));
        assertEquals(List.of(1, 2), meta.get("tags"));
        assertThrows(UnsupportedOperationException.class, () -> meta.put("x", 1));
        Files.writeString(recordings.resolve("output_20260101_444444.meta.json"), "{not json");
        store.changed(video.toRealPath());
        assertEquals(Optional.empty(), store.list(MediaKind.RECORDING).get(0).meta());
    }

    @Test
    void deleteRemovesOnlyTheLinkOfASymlinkedSidecar() throws Exception {
        Path thumb = Files.write(recordings.resolve("output_20260101_444444.thumb.jpg"), new byte[7]);
        Path meta = Files.createSymbolicLink(recordings.resolve("output_20260101_444444.meta.json"), settings);
        Path sprite = Files.createSymbolicLink(recordings.resolve("output_20260101_444444.sprite.jpg"),
                Path.of("/etc/passwd"));
        byte[] passwd = Files.readAllBytes(Path.of("/etc/passwd"));
        long freed = store.delete(store.resolve(MediaKind.RECORDING, video.toString()));
        assertEquals(100 + 7, freed);
        for (Path p : List.of(video, thumb, meta, sprite)) {
            assertFalse(Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS), p.toString());
        }
        assertEquals(SECRET, Files.readString(settings, StandardCharsets.UTF_8));
        assertArrayEquals(passwd, Files.readAllBytes(Path.of("/etc/passwd")));
        assertEquals(0, store.count(MediaKind.RECORDING));
    }

    @Test
    void aFileGoneBeforeItsDeleteIsNotFound() throws Exception {
        MediaFile f = store.resolve(MediaKind.RECORDING, video.toString());
        Files.delete(video);
        assertEquals(MediaException.Reason.NOT_FOUND,
                assertThrows(MediaException.class, () -> store.delete(f)).reason());
    }
}
