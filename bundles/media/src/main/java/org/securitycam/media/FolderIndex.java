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
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
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
    /** In a scan's map of names: the bit that says the media file itself is there (the others: its sidecars). */
    private static final int MEDIA = 1 << Sidecar.values().length;
    /** In {@link #inspect}: every sidecar may be there. */
    private static final int ALL = MEDIA - 1;

    private final Naming naming;
    /** The folder as configured: absolute and normalised, possibly through a link. */
    final Path folder;
    private final LongSupplier clock;
    /** The folder's real path at the last scan; null while it does not exist. */
    private Path real;
    /** What the entries of the real folder share; null while it does not exist. */
    private Entry.Place place;
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
            place = null;
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
            Entry.Place at = place(r);
            Map<String, Integer> names = names(r);
            Map<String, Entry> fresh = new HashMap<>();
            for (Map.Entry<String, Integer> n : names.entrySet()) {
                if ((n.getValue() & MEDIA) != 0) {
                    String name = n.getKey();
                    Entry e = inspect(at, name, n.getValue(), at == place ? entries.get(name) : null,
                            writing.contains(r.resolve(name)));
                    if (e != null) {
                        fresh.put(e.name(), e);
                    }
                }
            }
            real = r;
            place = at;
            stamp = dir.lastModifiedTime();
            folderKey = dir.fileKey();
            trusted = now - stamp.toMillis() > RACY_MILLIS;
            replace(fresh);
        } catch (IOException e) {
            // Gone or unreadable while it was read: nothing is listed, and the next call reads it again.
            real = null;
            place = null;
            trusted = false;
            replace(new HashMap<>());
        }
    }

    /**
     * The names in the folder that matter, each media file's name once, with a bit for the file itself and one
     * for each sidecar name there: what a scan holds of the folder while it reads it.
     */
    private Map<String, Integer> names(Path root) throws IOException {
        Map<String, Integer> names = new HashMap<>();
        Sidecar[] sidecars = naming.sidecars().toArray(new Sidecar[0]);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (naming.matches(name)) {
                    names.merge(name, MEDIA, (a, b) -> a | b);
                    continue;
                }
                for (Sidecar s : sidecars) {
                    if (naming.isSidecarName(name, s)) {
                        names.merge(naming.mediaName(name, s), 1 << s.ordinal(), (a, b) -> a | b);
                        break;
                    }
                }
            }
        }
        return names;
    }

    /** What the entries of the real folder {@code root} share: the same as before unless the folder moved. */
    private Entry.Place place(Path root) {
        return place != null && root.equals(place.root()) ? place : new Entry.Place(naming, root, new MetaCache());
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
                put(name, inspect(place, name, ALL, null, true));
            } else {
                put(name, known.with(a, true));
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
        put(name, naming.matches(name) ? inspect(place, name, ALL, known, inProgress) : null);
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
        } else if (entries.put(e.name(), e) != e) {
            invalidate();
        }
    }

    /** Newest first, by modification time, then by name. The same list until something changes. */
    List<MediaFile> newestFirst() {
        if (newestFirst == null) {
            Entry[] sorted = entries.values().toArray(new Entry[0]);
            Arrays.sort(sorted, Entry::newestFirst);
            newestFirst = Collections.unmodifiableList(Arrays.asList(sorted));
        }
        return newestFirst;
    }

    List<MediaFile> oldestFirst() {
        if (oldestFirst == null) {
            MediaFile[] reversed = newestFirst().toArray(new MediaFile[0]);
            Collections.reverse(Arrays.asList(reversed));
            oldestFirst = Collections.unmodifiableList(Arrays.asList(reversed));
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
        Entry.Place at = place(root);
        Entry e = inspect(at, name, ALL, at == place ? entries.get(name) : null, writing.contains(p));
        if (e == null) {
            throw MediaErrors.notFound();
        }
        return e;
    }

    /**
     * The entry for a media file, or null if it is not a regular file (a link is never listed: the file it points to
     * is). {@code present}: a bit for each sidecar whose name is in the folder, which saves a stat of each that is
     * not; {@link #ALL} when that is not known.
     */
    private Entry inspect(Entry.Place at, String name, int present, Entry previous, boolean inProgress) {
        BasicFileAttributes a = attributes(at.root().resolve(name), false);
        if (a == null || !a.isRegularFile()) {
            return null;
        }
        Map<Sidecar, Entry.Side> sides = new EnumMap<>(Sidecar.class);
        for (Sidecar s : naming.sidecars()) {
            if ((present & 1 << s.ordinal()) != 0) {
                Entry.Side side = side(at.root(), naming.sidecarName(name, s), s);
                if (side != null) {
                    sides.put(s, side);
                }
            }
        }
        Entry e = new Entry(at, name, a, sides, inProgress);
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
        return a != null && a.isRegularFile() ? new Entry.Side(p.getFileName().toString(), a) : null;
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
