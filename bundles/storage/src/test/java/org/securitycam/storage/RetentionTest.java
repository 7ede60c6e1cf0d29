package org.securitycam.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.securitycam.api.media.MediaKind;

/** The retention planner on the real media store over a real folder, measured by what the folder holds. */
class RetentionTest {
    private static final int CAPACITY = 100_000;

    @TempDir
    Path dir;
    MediaFolder media;
    final AtomicInteger measures = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        media = new MediaFolder(dir.resolve("recordings"), CAPACITY);
    }

    private Retention retention(Retention.DiskMeasure disk) {
        return new Retention(media.store, () -> {
            measures.incrementAndGet();
            return disk.measure();
        }, Clock.systemUTC());
    }

    private static Duration days(int n) {
        return Duration.ofDays(n);
    }

    private static void assertGone(Path media) {
        for (Path p : MediaFolder.withSidecars(media)) {
            assertFalse(Files.exists(p, LinkOption.NOFOLLOW_LINKS), p + " is left behind");
        }
    }

    private static void assertKept(Path media) {
        assertTrue(Files.exists(media, LinkOption.NOFOLLOW_LINKS), media + " was deleted");
    }

    @Test
    void recordingsGoFirstThenTimelapsesThenSnapshotsUntilTheThresholdIsMet() throws Exception {
        List<Path> recordings = List.of(media.recording(days(10), 1000), media.recording(days(9), 1000),
                media.recording(days(8), 1000), media.recording(days(7), 1000));
        // Older than every recording, yet they go after them.
        Path oldTimelapse = media.timelapse(days(20), 2000);
        Path timelapse6 = media.timelapse(days(6), 2000);
        Path timelapse5 = media.timelapse(days(5), 2000);
        List<Path> snapshots = List.of(media.snapshot(days(30), 1000), media.snapshot(days(29), 1000));
        assertEquals(30_000, media.used());

        // At most 15,000 of 100,000: the four recordings (16,000 with their sidecars) are enough.
        Retention.Result r = retention(media::usage).run(new StorageLimit(true, 15, 0));

        recordings.forEach(RetentionTest::assertGone);
        for (Path kept : List.of(oldTimelapse, timelapse6, timelapse5, snapshots.get(0), snapshots.get(1))) {
            assertKept(kept);
        }
        assertEquals(4, r.deleted());
        assertEquals(16_000, r.freed());
        assertEquals(0, r.skipped());
        assertEquals(14_000, r.usage().used());
        assertEquals(1 + 4, measures.get(), "measured at the start and after each deletion");

        // 10 %: the oldest timelapse goes with its thumbnail before any snapshot, though the snapshots are older.
        r = retention(media::usage).run(new StorageLimit(true, 10, 0));
        assertGone(oldTimelapse);
        assertFalse(Files.exists(oldTimelapse.resolveSibling(oldTimelapse.getFileName().toString()
                .replace(".mp4", ".thumb.jpg"))));
        assertKept(timelapse6);
        assertKept(timelapse5);
        snapshots.forEach(RetentionTest::assertKept);
        assertEquals(1, r.deleted());
        assertEquals(4_000, r.freed());
        assertEquals(10_000, media.used());
    }

    @Test
    void snapshotsGoLastOldestFirst() throws Exception {
        Path timelapse = media.timelapse(days(3), 10_000);
        Path newer = media.snapshot(days(1), 10_000);
        Path older = media.snapshot(days(2), 10_000);
        Path oldest = media.snapshot(days(4), 10_000);
        // 50,000 used; at most 20,000: the timelapse (20,000 with its thumbnail), then the oldest snapshot.
        Retention.Result r = retention(media::usage).run(new StorageLimit(true, 20, 0));
        assertGone(timelapse);
        assertGone(oldest);
        assertKept(older);
        assertKept(newer);
        assertEquals(2, r.deleted());
        assertEquals(30_000, r.freed());
        assertEquals(20_000, r.usage().used());
    }

    @Test
    void theDiskIsMeasuredAgainAfterEachDeletion() throws Exception {
        for (int i = 0; i < 6; i++) {
            media.recording(days(10 - i), 1000);
        }
        // A recording in progress grows by 1,000 bytes between two measures: a plan made from the first measure
        // (17,000 of at most 10,000: two recordings) would leave the disk above the limit.
        Path writing = media.store.create(MediaKind.RECORDING, LocalDateTime.now());
        Files.write(writing, new byte[0]);
        Retention.Result r = retention(() -> {
            Files.write(writing, new byte[1000], StandardOpenOption.APPEND);
            return media.usage();
        }).run(new StorageLimit(true, 10, 0));

        assertTrue(r.usage().percent() <= 10, r.toString());
        assertEquals(media.used(), r.usage().used(), "the answer is the disk as the run left it");
        assertEquals(5, r.deleted(), "25,000 - 3,000 a deletion until at most 10,000; a plan made at the start "
                + "would have stopped after four");
        assertKept(writing);
    }

    @Test
    void theFileInProgressIsNeverDeletedEvenWhenTheThresholdCannotBeMet() throws Exception {
        Path old = media.recording(days(5), 10_000);
        Path writing = media.store.create(MediaKind.RECORDING, LocalDateTime.now().minusDays(40));
        media.file(writing, 30_000, days(40));
        Path snapshot = media.snapshot(days(1), 1000);

        Retention.Result r = retention(media::usage).run(new StorageLimit(true, 10, 30));

        assertGone(old);
        assertGone(snapshot);
        assertKept(writing);
        assertEquals(2, r.deleted());
        assertEquals(30_000, r.usage().used());
        media.store.finish(writing);
        assertEquals(1, media.store.count(MediaKind.RECORDING));
    }

    @Test
    void mediaOlderThanMaxDaysGoesWhateverTheDiskUse() throws Exception {
        Path rec40 = media.recording(days(40), 100);
        Path rec20 = media.recording(days(20), 100);
        Path rec5 = media.recording(days(5), 100);
        Path tl40 = media.timelapse(days(40), 100);
        Path tl5 = media.timelapse(days(5), 100);
        Path snap40 = media.snapshot(days(40), 100);
        Path snap11 = media.snapshot(days(10).plusHours(1), 100);
        Path snap9 = media.snapshot(days(9), 100);

        Retention.Result r = retention(media::usage).run(new StorageLimit(true, 95, 10));

        for (Path gone : List.of(rec40, rec20, tl40, snap40, snap11)) {
            assertGone(gone);
        }
        for (Path kept : List.of(rec5, tl5, snap9)) {
            assertKept(kept);
        }
        assertEquals(5, r.deleted());
        assertEquals(2 * 400 + 200 + 2 * 100, r.freed(), "two recordings with three sidecars each, a timelapse "
                + "with its thumbnail, two snapshots");
        assertEquals(2, measures.get(), "once at the start, once after the deletions by age");
    }

    @Test
    void withoutMaxDaysAgeAloneDeletesNothing() throws Exception {
        Path ancient = media.recording(days(3000), 100);
        Retention.Result r = retention(media::usage).run(new StorageLimit(true, 95, 0));
        assertKept(ancient);
        assertEquals(0, r.deleted());
        assertEquals(1, measures.get());
    }

    @Test
    void aFileThatVanishesMidRunIsSkippedAndTheRunGoesOn() throws Exception {
        Path first = media.recording(days(3), 1000);
        Path second = media.recording(days(2), 1000);
        Path third = media.recording(days(1), 1000);
        // 12,000 of 40,000: 30 %. After the first deletion, something else deletes the second recording.
        Retention.Result r = new Retention(media.store, () -> {
            if (measures.incrementAndGet() == 2) {
                Files.delete(second);
            }
            return media.usage(40_000);
        }, Clock.systemUTC()).run(new StorageLimit(true, 10, 0));

        assertGone(first);
        assertGone(third);
        assertEquals(2, r.deleted());
        assertEquals(1, r.skipped());
        assertEquals(8_000, r.freed());
    }

    @Test
    void aFileThatCannotBeDeletedIsSkippedAndTheRunGoesOn() throws Exception {
        Path first = media.recording(days(3), 1000);
        Path busy = media.recording(days(2), 1000);
        Path third = media.recording(days(1), 1000);
        // A file that is a mount point cannot be unlinked, even by root. It shows what is mounted on it.
        Path elsewhere = media.file(dir.resolve("elsewhere"), 1000, days(2));
        boolean mounted = run("mount", "--bind", elsewhere.toString(), busy.toString());
        Assumptions.assumeTrue(mounted, "skipped: this test binds a file onto a recording, which needs root and "
                + "permission to mount");
        try {
            Retention.Result r = new Retention(media.store, () -> media.usage(40_000), Clock.systemUTC())
                    .run(new StorageLimit(true, 10, 0));
            assertGone(first);
            assertGone(third);
            for (Path p : MediaFolder.withSidecars(busy)) {
                assertTrue(Files.exists(p), p + ": a file that stays keeps its sidecars");
            }
            assertEquals(2, r.deleted());
            assertEquals(1, r.skipped());
        } finally {
            run("umount", busy.toString());
        }
    }

    @Test
    void linksAreNeverFollowedOrDeletedThrough() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        byte[] secret = "not media".getBytes();
        Path target = Files.write(outside.resolve("precious.mp4"), secret);
        Path thumbTarget = Files.write(outside.resolve("precious.jpg"), secret);
        Path linkedVideo = Files.createSymbolicLink(media.root.resolve("output_20200101_000000.mp4"), target);
        Path linkedSnapshot = Files.createSymbolicLink(media.root.resolve("snapshot_20200101_000000.jpg"), thumbTarget);
        Files.setLastModifiedTime(target, FileTime.fromMillis(0));
        Files.setLastModifiedTime(thumbTarget, FileTime.fromMillis(0));
        Path real = media.recording(days(100), 100);
        Path thumb = real.resolveSibling(real.getFileName().toString().replace(".mp4", ".thumb.jpg"));
        Files.delete(thumb);
        Files.createSymbolicLink(thumb, thumbTarget);

        Retention.Result r = retention(media::usage).run(new StorageLimit(true, 10, 1));

        assertGone(real);
        assertEquals(1, r.deleted(), "only the real recording; its linked thumbnail was removed as a link");
        assertEquals(300, r.freed(), "the video, sprite and meta; a link frees nothing");
        assertTrue(Files.isSymbolicLink(linkedVideo) && Files.isSymbolicLink(linkedSnapshot), "links are not media");
        assertArrayEquals(secret, Files.readAllBytes(target));
        assertArrayEquals(secret, Files.readAllBytes(thumbTarget));
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
