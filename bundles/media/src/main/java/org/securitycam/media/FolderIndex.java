package org.securitycam.media;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

import org.securitycam.api.media.MediaException;
import org.securitycam.api.media.MediaFile;
import org.securitycam.api.media.Sidecar;

/**
 * The files of one kind in one folder. The folder is read again only when its own modification time or identity
 * changed (a file was added, renamed or removed there), so a listing costs one stat of the folder, plus one of each
 * file still being written. Not thread-safe: the store calls it under its lock.
 *
 * <p>A folder's modification time has a granularity (two seconds on FAT, a clock tick elsewhere): a change made in
 * the same tick as the one before leaves it unchanged. So a scan trusts the time it saw only once that time is
 * older than the coarsest granularity; until then every call scans again.
 */
final class FolderIndex {
    static final long RACY_MILLIS = 2_000;
    private static final Comparator<Entry> NEWEST_FIRST = Comparator.comparing(Entry::modified)
            .thenComparing(Entry::name).reversed();

    private final Naming naming;
    /** The folder as configured: absolute and normalised, possibly through a link. */
    final Path folder;
    private final LongSupplier clock;
    /** The folder's real path at the last scan; null while it does not exist. */
    private Path real;
    private FileTime stamp;
    private Object folderKey;
    private boolean trusted;
    private Map<String, Entry> entries = new HashMap<>();
    private List<MediaFile> newestFirst;
    private List<MediaFile> oldestFirst;

    FolderIndex(Naming naming, Path folder, LongSupplier clock) {
        this.naming = naming;
        this.folder = folder;
        this.clock = clock;
    }

    /** Brings the index up to date with the disk. {@code writing}: the files in progress, of any folder. */
    void refresh(Set<Path> writing) {
        long now = clock.getAsLong();
        BasicFileAttributes dir = attributes(folder, true);
        if (dir == null || !dir.isDirectory()) {
            real = null;
            trusted = false;
            replace(new HashMap<>());
            return;
        }
        if (trusted && dir.lastModifiedTime().equals(stamp) && Objects.equals(dir.fileKey(), folderKey)) {
            restatWriting(writing);
            return;
        }
        try {
            Path r = folder.toRealPath();
            Set<String> names = new HashSet<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(r)) {
                for (Path p : files) {
                    names.add(p.getFileName().toString());
                }
            }
            Map<String, Entry> fresh = new HashMap<>();
            for (String name : names) {
                if (naming.matches(name)) {
                    Entry e = inspect(r, name, names, r.equals(real) ? entries.get(name) : null,
                            writing.contains(r.resolve(name)));
                    if (e != null) {
                        fresh.put(name, e);
                    }
                }
            }
            real = r;
            stamp = dir.lastModifiedTime();
            folderKey = dir.fileKey();
            trusted = now - stamp.toMillis() > RACY_MILLIS;
            replace(fresh);
        } catch (IOException e) {
            // Gone or unreadable while it was read: nothing is listed, and the next call reads it again.
            real = null;
            trusted = false;
            replace(new HashMap<>());
        }
    }

    /** The file being written grows without touching its folder: it is looked at on every call. */
    private void restatWriting(Set<Path> writing) {
        for (Path p : writing) {
            if (!p.getParent().equals(real)) {
                continue;
            }
            String name = p.getFileName().toString();
            Entry known = entries.get(name);
            BasicFileAttributes a = attributes(p, false);
            if (a == null || !a.isRegularFile()) {
                forget(name);
            } else if (known == null) {
                put(name, inspect(real, name, null, null, true));
            } else {
                put(name, known.withStamp(Entry.Stamp.of(a)).withProgress(true));
            }
        }
    }

    /** After the device wrote or changed {@code file} itself: looks at that one file again. */
    void update(Path file, boolean inProgress) {
        if (real == null || !real.equals(file.getParent())) {
            return;
        }
        String name = file.getFileName().toString();
        Entry known = entries.get(name);
        put(name, naming.matches(name) ? inspect(real, name, null, known, inProgress) : null);
    }

    void forget(String name) {
        if (entries.remove(name) != null) {
            invalidate();
        }
    }

    /** Puts an entry in, or takes the name out when there is none. */
    private void put(String name, Entry e) {
        if (e == null) {
            forget(name);
        } else if (entries.put(name, e) != e) {
            invalidate();
        }
    }

    /** Newest first, by modification time, then by name. The same list until something changes. */
    List<MediaFile> newestFirst() {
        if (newestFirst == null) {
            List<Entry> sorted = new ArrayList<>(entries.values());
            sorted.sort(NEWEST_FIRST);
            newestFirst = List.copyOf(sorted);
        }
        return newestFirst;
    }

    List<MediaFile> oldestFirst() {
        if (oldestFirst == null) {
            List<MediaFile> reversed = new ArrayList<>(newestFirst());
            Collections.reverse(reversed);
            oldestFirst = List.copyOf(reversed);
        }
        return oldestFirst;
    }

    int count() {
        return entries.size();
    }

    int countNewerThan(Instant since) {
        int n = 0;
        for (MediaFile f : newestFirst()) {
            if (!f.modified().isAfter(since)) {
                break;
            }
            n++;
        }
        return n;
    }

    /** The folder's real path now, or null if it does not exist. */
    Path realFolder() {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The existing media file {@code name} in the real folder {@code root}: a regular file, or a link whose real
     * path is a file of this kind in the same folder.
     *
     * @throws MediaException NOT_FOUND if there is none, INVALID if it is something else
     */
    Entry existing(Path root, String name, Set<Path> writing) {
        Path p = root.resolve(name);
        BasicFileAttributes a = attributes(p, false);
        if (a == null) {
            throw MediaErrors.notFound();
        }
        if (a.isSymbolicLink()) {
            Path target;
            try {
                target = p.toRealPath();
            } catch (NoSuchFileException e) {
                throw MediaErrors.notFound();
            } catch (IOException e) {
                throw MediaErrors.invalid();
            }
            if (!root.equals(target.getParent()) || !naming.matches(target.getFileName().toString())) {
                throw MediaErrors.invalid();
            }
            p = target;
            name = target.getFileName().toString();
            a = attributes(p, false);
            if (a == null) {
                throw MediaErrors.notFound();
            }
        }
        if (!a.isRegularFile()) {
            throw MediaErrors.invalid();
        }
        Entry e = inspect(root, name, null, root.equals(real) ? entries.get(name) : null, writing.contains(p));
        if (e == null) {
            throw MediaErrors.notFound();
        }
        return e;
    }

    /**
     * The entry for a media file, or null if it is not a regular file (a link is never listed: the file it points to
     * is). {@code names}, when known, saves a stat of each sidecar that is not there.
     */
    private Entry inspect(Path root, String name, Set<String> names, Entry previous, boolean inProgress) {
        Path p = root.resolve(name);
        BasicFileAttributes a = attributes(p, false);
        if (a == null || !a.isRegularFile()) {
            return null;
        }
        Map<Sidecar, Entry.Side> sides = new EnumMap<>(Sidecar.class);
        for (Sidecar s : naming.sidecars()) {
            String sidecarName = naming.sidecarName(name, s);
            if (names == null || names.contains(sidecarName)) {
                Entry.Side side = side(root, sidecarName, s);
                if (side != null) {
                    sides.put(s, side);
                }
            }
        }
        Entry e = new Entry(naming.kind, p, Entry.Stamp.of(a), sides, inProgress, previous);
        return e.sameAs(previous) ? previous : e;
    }

    /**
     * A sidecar, if it is a regular file in the folder, or a link to a sidecar of the same sort in the same folder;
     * anything else (a link leading out, a folder, a link to a recording) counts as missing.
     */
    private Entry.Side side(Path root, String name, Sidecar sidecar) {
        Path p = root.resolve(name);
        BasicFileAttributes a = attributes(p, false);
        if (a == null) {
            return null;
        }
        if (a.isSymbolicLink()) {
            try {
                p = p.toRealPath();
            } catch (IOException e) {
                return null;
            }
            if (!root.equals(p.getParent()) || !naming.isSidecarName(p.getFileName().toString(), sidecar)) {
                return null;
            }
            a = attributes(p, false);
        }
        return a != null && a.isRegularFile() ? new Entry.Side(p, Entry.Stamp.of(a)) : null;
    }

    private void replace(Map<String, Entry> fresh) {
        if (fresh.size() == entries.size()
                && fresh.entrySet().stream().allMatch(e -> entries.get(e.getKey()) == e.getValue())) {
            return;
        }
        entries = fresh;
        invalidate();
    }

    private void invalidate() {
        newestFirst = null;
        oldestFirst = null;
    }

    /** The file's attributes, or null if it does not exist or cannot be read. */
    static BasicFileAttributes attributes(Path p, boolean followLinks) {
        try {
            return followLinks ? Files.readAttributes(p, BasicFileAttributes.class)
                    : Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }
}
