package org.securitycam.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.securitycam.api.events.Topics;
import org.securitycam.api.media.DiskUsage;
import org.securitycam.api.media.MediaException;
import org.securitycam.api.media.MediaFile;
import org.securitycam.api.media.MediaKind;
import org.securitycam.api.media.Sidecar;

/** The index against real files: the device's own writes, changes behind its back, order, counts and deletes. */
class MediaStoreIndexTest {
    private static final LocalDateTime T = LocalDateTime.of(2026, 1, 1, 12, 0, 0);

    @TempDir
    Path home;
    Path recordings;
    final AtomicReference<Path> location = new AtomicReference<>();
    final List<Event> events = new ArrayList<>();
    /** The store with the real clock: a folder changed within the last two seconds is read on every call. */
    MediaStoreService store;
    /**
     * The store with a clock ahead by a minute, which trusts every folder time it sees: what a folder looks like to
     * the store once it has been quiet for a while.
     */
    MediaStoreService settled;

    @BeforeEach
    void setUp() throws Exception {
        recordings = Files.createDirectories(home.resolve("recordings")).toRealPath();
        location.set(recordings);
        store = new MediaStoreService(location::get, events::add, System::currentTimeMillis);
        settled = new MediaStoreService(location::get, events::add, () -> System.currentTimeMillis() + 60_000);
    }

    private Path recording(String stamp, int size, Instant modified) throws IOException {
        Path p = Files.write(recordings.resolve("output_" + stamp + ".mp4"), new byte[size]);
        Files.setLastModifiedTime(p, FileTime.from(modified));
        return p;
    }

    private static List<String> names(List<MediaFile> files) {
        return files.stream().map(f -> f.path().getFileName().toString()).toList();
    }

    @Test
    void listsNewestFirstByTimeThenName() throws Exception {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        recording("20260101_000001", 1, t.plusSeconds(10));
        recording("20260101_000002", 1, t);
        recording("20260101_000003", 1, t); // same time: the later name first
        recording("20260101_000004", 1, t.plusSeconds(5));
        Files.write(recordings.resolve("notes.txt"), new byte[1]);
        Files.write(recordings.resolve(".output_20260101_000005.mp4.faststart.mp4"), new byte[1]);
        Files.write(recordings.resolve("snapshot_20260101_000000.jpg"), new byte[1]);
        List<String> expected = List.of("output_20260101_000001.mp4", "output_20260101_000004.mp4",
                "output_20260101_000003.mp4", "output_20260101_000002.mp4");
        assertEquals(expected, names(store.list(MediaKind.RECORDING)));
        List<String> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, names(store.oldestFirst(MediaKind.RECORDING)));
        assertEquals(4, store.count(MediaKind.RECORDING));
        assertEquals(1, store.count(MediaKind.SNAPSHOT));
        assertEquals(0, store.count(MediaKind.TIMELAPSE));
    }

    @Test
    void countsWhatIsNewerOfEveryKind() throws Exception {
        Instant t = Instant.parse("2026-01-01T00:00:00.123Z");
        recording("20260101_000001", 1, t);
        recording("20260101_000002", 1, t.plusSeconds(60));
        Path snap = Files.write(recordings.resolve("snapshot_20260101_000000.jpg"), new byte[1]);
        Files.setLastModifiedTime(snap, FileTime.from(t.plusSeconds(120)));
        Path lapse = Files.write(Files.createDirectories(recordings.resolve("timelapse")).resolve("timelapse_20260101.mp4"),
                new byte[1]);
        Files.setLastModifiedTime(lapse, FileTime.from(t.plusSeconds(180)));
        assertEquals(4, store.countNewerThan(t.minusMillis(1)));
        // What a client was shown as the newest time is not newer than itself.
        assertEquals(3, store.countNewerThan(t));
        assertEquals(1, store.countNewerThan(t.plusSeconds(120)));
        assertEquals(0, store.countNewerThan(t.plusSeconds(180)));
        assertEquals(t, store.list(MediaKind.RECORDING).get(1).modified());
        assertEquals(List.of("timelapse_20260101.mp4"), names(store.list(MediaKind.TIMELAPSE)));
    }

    @Test
    void aSettledIndexDoesNotReadTheFolderAgainUntilItChanges() throws Exception {
        recording("20260101_000001", 1, Instant.now());
        List<MediaFile> first = settled.list(MediaKind.RECORDING);
        assertSame(first, settled.list(MediaKind.RECORDING), "the same listing while nothing changed");
        // A file that disappears while the folder keeps its time (what a change in the same tick looks like) is
        // not seen by a settled index: proof that a listing does not stat each file.
        FileTime folderTime = Files.getLastModifiedTime(recordings);
        Path extra = recording("20260101_000002", 1, Instant.now());
        Files.setLastModifiedTime(recordings, folderTime);
        assertEquals(1, settled.list(MediaKind.RECORDING).size());
        // Any change of the folder's time is seen.
        Files.setLastModifiedTime(recordings, FileTime.from(folderTime.toInstant().plusMillis(1)));
        assertEquals(2, settled.list(MediaKind.RECORDING).size());
        Files.delete(extra);
        assertEquals(1, settled.list(MediaKind.RECORDING).size());
    }

    @Test
    void aChangeInTheSameTickAsTheLastScanIsStillSeen() throws Exception {
        recording("20260101_000001", 1, Instant.now());
        assertEquals(1, store.list(MediaKind.RECORDING).size());
        FileTime folderTime = Files.getLastModifiedTime(recordings);
        recording("20260101_000002", 1, Instant.now());
        Files.setLastModifiedTime(recordings, folderTime);
        assertEquals(2, store.list(MediaKind.RECORDING).size(), "a folder changed just now is read again");
    }

    @Test
    void noticesFilesAddedDeletedAndReplacedBehindItsBack() throws Exception {
        Path a = recording("20260101_000001", 10, Instant.parse("2026-01-01T00:00:00Z"));
        Path b = recording("20260101_000002", 20, Instant.parse("2026-01-01T00:01:00Z"));
        assertEquals(2, settled.count(MediaKind.RECORDING));
        Files.delete(a);
        assertEquals(List.of(b.getFileName().toString()), names(settled.list(MediaKind.RECORDING)));
        // Replaced the way a writer replaces a file: a new one renamed over it.
        Path tmp = Files.write(recordings.resolve(".tmp"), new byte[33]);
        Files.move(tmp, b, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertEquals(33, settled.list(MediaKind.RECORDING).get(0).size());
        Path c = recording("20260101_000003", 5, Instant.parse("2026-01-01T00:02:00Z"));
        assertEquals(List.of(b.getFileName().toString(), c.getFileName().toString()),
                names(settled.list(MediaKind.RECORDING)), "the replaced file is the newest now");
        // A media name that turns into a folder or a link is dropped, and nothing breaks.
        Files.delete(c);
        Files.createDirectories(c);
        Files.delete(b);
        Files.createSymbolicLink(b, Path.of("/etc/passwd"));
        assertEquals(List.of(), settled.list(MediaKind.RECORDING));
        // The folder itself goes and comes back.
        Files.delete(c);
        Files.delete(b);
        Files.delete(recordings);
        assertEquals(0, settled.count(MediaKind.RECORDING));
        Files.createDirectories(recordings);
        recording("20260101_000004", 1, Instant.now());
        assertEquals(1, settled.count(MediaKind.RECORDING));
    }

    @Test
    void seesItsOwnWritesAndTheGrowingFileInProgress() throws Exception {
        Path file = settled.create(MediaKind.RECORDING, T);
        assertEquals(recordings.resolve("output_20260101_120000.mp4"), file);
        assertEquals(0, settled.count(MediaKind.RECORDING), "reserved, not written yet");
        Files.write(file, new byte[100]);
        MediaFile writing = settled.list(MediaKind.RECORDING).get(0);
        assertTrue(writing.inProgress());
        assertEquals(100, writing.size());
        FileTime folderTime = Files.getLastModifiedTime(recordings);
        Files.write(file, new byte[50], StandardOpenOption.APPEND);
        Files.setLastModifiedTime(recordings, folderTime);
        assertEquals(150, settled.list(MediaKind.RECORDING).get(0).size(), "the file in progress is looked at");
        assertEquals(MediaException.Reason.IN_USE, assertThrows(MediaException.class,
                () -> settled.delete(settled.resolve(MediaKind.RECORDING, file.toString()))).reason());
        assertEquals("This recording is still running", assertThrows(MediaException.class,
                () -> settled.delete(writing)).getMessage());
        assertTrue(Files.exists(file));

        Files.write(recordings.resolve("output_20260101_120000.meta.json"), "{\"reason\":\"sensor\"}".getBytes());
        assertTrue(settled.finish(file));
        MediaFile done = settled.list(MediaKind.RECORDING).get(0);
        assertFalse(done.inProgress());
        assertEquals("sensor", done.meta().orElseThrow().get("reason"));
        assertEquals(1, events.size());
        assertEquals(Topics.ARCHIVE_UPDATED, events.get(0).getTopic());
        assertEquals(file.toString(), events.get(0).getProperty("path"));
        assertEquals("recording", events.get(0).getProperty("type"));
        assertEquals(150 + 19, settled.delete(done));
        assertEquals(0, settled.count(MediaKind.RECORDING));
    }

    @Test
    void changedMakesAnInPlaceRewriteVisible() throws Exception {
        Path video = recording("20260101_000001", 10, Instant.now());
        Path meta = Files.writeString(recordings.resolve("output_20260101_000001.meta.json"), "{\"a\":1}");
        MediaFile before = settled.list(MediaKind.RECORDING).get(0);
        assertSame(before.meta().orElseThrow(), settled.list(MediaKind.RECORDING).get(0).meta().orElseThrow(),
                "parsed once");
        Files.writeString(meta, "{\"a\":22}"); // in place: the folder does not change
        assertEquals(1, settled.list(MediaKind.RECORDING).get(0).meta().orElseThrow().get("a"));
        settled.changed(video);
        MediaFile after = settled.list(MediaKind.RECORDING).get(0);
        assertNotSame(before, after);
        assertEquals(22, after.meta().orElseThrow().get("a"));
    }

    @Test
    void newNamesMoveOnASecondWhenTaken() throws Exception {
        Path first = store.create(MediaKind.RECORDING, T);
        Path second = store.create(MediaKind.RECORDING, T);
        assertEquals("output_20260101_120001.mp4", second.getFileName().toString(), "the first is reserved");
        Files.write(recordings.resolve("output_20260101_120002.thumb.jpg"), new byte[1]);
        assertEquals("output_20260101_120003.mp4", store.create(MediaKind.RECORDING, T).getFileName().toString(),
                "a left-over sidecar takes its name too");
        assertEquals("snapshot_20260101_120000.jpg", store.create(MediaKind.SNAPSHOT, T).getFileName().toString());
        Path lapse = store.create(MediaKind.TIMELAPSE, T.plusHours(3));
        assertEquals(recordings.resolve("timelapse").resolve("timelapse_20260101.mp4"), lapse);
        assertTrue(Files.isDirectory(lapse.getParent()));
        assertFalse(Files.exists(first));
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws Exception {
        Path file = store.create(MediaKind.RECORDING, T);
        Path thumb = Files.write(recordings.resolve("output_20260101_120000.thumb.jpg"), new byte[3]);
        Files.createFile(file);
        assertFalse(store.finish(file));
        assertFalse(Files.exists(file) || Files.exists(thumb));
        Path never = store.create(MediaKind.SNAPSHOT, T);
        assertFalse(store.finish(never));
        assertEquals(List.of(), events);
        assertEquals(0, store.count(MediaKind.RECORDING) + store.count(MediaKind.SNAPSHOT));
        // Finished, it can be deleted like any other.
        Path snap = store.create(MediaKind.SNAPSHOT, T);
        Files.write(snap, new byte[4]);
        assertTrue(store.finish(snap));
        assertEquals("snapshot", events.get(0).getProperty("type"));
        assertEquals(4, store.delete(store.resolve(MediaKind.SNAPSHOT, snap.toString())));
    }

    @Test
    void aMovedSaveLocationIsANewIndex() throws Exception {
        recording("20260101_000001", 1, Instant.now());
        assertEquals(1, settled.count(MediaKind.RECORDING));
        Path elsewhere = Files.createDirectories(home.resolve("usb")).toRealPath();
        Files.write(elsewhere.resolve("output_20260101_000009.mp4"), new byte[1]);
        Files.write(elsewhere.resolve("output_20260101_000008.mp4"), new byte[1]);
        location.set(elsewhere);
        assertEquals(elsewhere, settled.folder(MediaKind.RECORDING));
        assertEquals(elsewhere.resolve("timelapse"), settled.folder(MediaKind.TIMELAPSE));
        assertEquals(2, settled.count(MediaKind.RECORDING));
        assertEquals(MediaException.Reason.INVALID, assertThrows(MediaException.class,
                () -> settled.resolve(MediaKind.RECORDING, recordings + "/output_20260101_000001.mp4")).reason());
    }

    @Test
    void deleteTakesEverySidecarAndReportsTheBytes() throws Exception {
        Path video = recording("20260101_000001", 1000, Instant.now());
        for (Sidecar s : Sidecar.values()) {
            Files.write(recordings.resolve("output_20260101_000001" + s.suffix()), new byte[10]);
        }
        Path otherMeta = Files.write(recordings.resolve("output_20260101_000002.meta.json"), new byte[1]);
        MediaFile f = store.list(MediaKind.RECORDING).get(0);
        for (Sidecar s : Sidecar.values()) {
            assertTrue(f.sidecar(s).isPresent(), s.toString());
        }
        assertEquals(1030, store.delete(f));
        try (var left = Files.list(recordings)) {
            assertEquals(List.of(otherMeta), left.toList());
        }
        assertFalse(Files.exists(video, LinkOption.NOFOLLOW_LINKS));
        assertEquals(MediaException.Reason.NOT_FOUND, assertThrows(MediaException.class, () -> store.delete(f)).reason());
    }

    @Test
    void usageIsTheSaveLocationsFilesystem() throws Exception {
        location.set(home.resolve("not/yet/there"));
        DiskUsage u = store.usage();
        assertTrue(u.total() > 0 && u.free() <= u.total(), u.toString());
    }
}
