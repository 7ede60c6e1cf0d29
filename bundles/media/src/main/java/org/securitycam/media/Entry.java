package org.securitycam.media;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.securitycam.api.media.MediaFile;
import org.securitycam.api.media.MediaKind;
import org.securitycam.api.media.Sidecar;

/**
 * One media file as the index saw it, with the sidecars that passed the confinement rule. Immutable: a change on
 * disk makes a new entry. An index holds one per file, so it keeps only its name, size, time and identity as
 * primitives, its sidecars as bits (with the name of one that is a link, and the identity of the meta), and builds
 * paths when asked; the parsed meta lives in the folder's bounded cache.
 */
final class Entry implements MediaFile {
    private static final int IN_PROGRESS = 1 << Sidecar.values().length;

    private final Place place;
    private final String name;
    private final long size;
    /** Nanoseconds since the epoch: a rewrite within the same millisecond still changes it. */
    private final long modified;
    /** A hash of the file's identity on disk (device and inode), which changes when the file was replaced. */
    private final int key;
    /** A bit per sidecar present (by its ordinal), and {@link #IN_PROGRESS}. */
    private final byte flags;
    /** Null unless a sidecar is a link: then the names of the sidecars' real files, by ordinal. */
    private final String[] links;
    /** The meta's identity when it is present, which keys its parsed value in the cache. */
    private final int metaSize;
    private final long metaModified;
    private final int metaKey;

    /** The folder the entries of one scan share: what turns a name into a path, and the parsed metas. */
    record Place(Naming naming, Path root, MetaCache metas) {
    }

    /** A sidecar that passed the rule: the name of its real file in the folder, and its identity. */
    record Side(String name, BasicFileAttributes attributes) {
    }

    Entry(Place place, String name, BasicFileAttributes a, Map<Sidecar, Side> sides, boolean inProgress) {
        this.place = place;
        this.name = name;
        this.size = a.size();
        this.modified = nanos(a);
        this.key = Objects.hashCode(a.fileKey());
        int bits = inProgress ? IN_PROGRESS : 0;
        String[] linked = null;
        for (Map.Entry<Sidecar, Side> s : sides.entrySet()) {
            bits |= 1 << s.getKey().ordinal();
            if (!s.getValue().name().equals(place.naming().sidecarName(name, s.getKey()))) {
                if (linked == null) {
                    linked = new String[Sidecar.values().length];
                }
                linked[s.getKey().ordinal()] = s.getValue().name();
            }
        }
        this.flags = (byte) bits;
        this.links = linked;
        Side meta = sides.get(Sidecar.META);
        // A meta larger than a meta ever is reads as none: its size is kept only up to that.
        this.metaSize = meta == null ? 0 : (int) Math.min(meta.attributes().size(), MetaCache.MAX_BYTES + 1L);
        this.metaModified = meta == null ? 0 : nanos(meta.attributes());
        this.metaKey = meta == null ? 0 : Objects.hashCode(meta.attributes().fileKey());
    }

    private Entry(Entry e, long size, long modified, int key, boolean inProgress) {
        this.place = e.place;
        this.name = e.name;
        this.size = size;
        this.modified = modified;
        this.key = key;
        this.flags = (byte) (inProgress ? e.flags | IN_PROGRESS : e.flags & ~IN_PROGRESS);
        this.links = e.links;
        this.metaSize = e.metaSize;
        this.metaModified = e.metaModified;
        this.metaKey = e.metaKey;
    }

    private static long nanos(BasicFileAttributes a) {
        return a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    /** The same sidecars on the file as it is now (the recording being written grew), with a progress flag. */
    Entry with(BasicFileAttributes now, boolean inProgress) {
        Entry e = new Entry(this, now.size(), nanos(now), Objects.hashCode(now.fileKey()), inProgress);
        return e.sameAs(this) ? this : e;
    }

    /** Whether this is the same file with the same sidecars, as far as their identities tell. */
    boolean sameAs(Entry o) {
        return o != null && name.equals(o.name) && place.root().equals(o.place.root()) && size == o.size
                && modified == o.modified && key == o.key && flags == o.flags && Arrays.equals(links, o.links)
                && metaSize == o.metaSize && metaModified == o.metaModified && metaKey == o.metaKey;
    }

    String name() {
        return name;
    }

    /** Newest first, by modification time as clients see it (milliseconds), then by name. */
    static int newestFirst(Entry a, Entry b) {
        int c = Long.compare(millis(b.modified), millis(a.modified));
        return c != 0 ? c : b.name.compareTo(a.name);
    }

    /** The identity of the meta this entry saw, or null when there is none. */
    MetaCache.Key metaKey() {
        return has(Sidecar.META) ? new MetaCache.Key(sideName(Sidecar.META), metaSize, metaModified, metaKey) : null;
    }

    private boolean has(Sidecar s) {
        return (flags & 1 << s.ordinal()) != 0;
    }

    private String sideName(Sidecar s) {
        String linked = links == null ? null : links[s.ordinal()];
        return linked != null ? linked : place.naming().sidecarName(name, s);
    }

    private static long millis(long nanos) {
        return Math.floorDiv(nanos, 1_000_000L);
    }

    @Override
    public MediaKind kind() {
        return place.naming().kind;
    }

    @Override
    public Path path() {
        return place.root().resolve(name);
    }

    @Override
    public long size() {
        return size;
    }

    // Milliseconds, as clients see it: a client that asks what is newer than the newest time it was shown must not
    // be told about that same file again.
    @Override
    public Instant modified() {
        return Instant.ofEpochMilli(millis(modified));
    }

    @Override
    public Optional<Path> sidecar(Sidecar sidecar) {
        return has(sidecar) ? Optional.of(place.root().resolve(sideName(sidecar))) : Optional.empty();
    }

    @Override
    public Optional<Map<String, Object>> meta() {
        MetaCache.Key k = metaKey();
        return k == null ? Optional.empty() : place.metas().value(place.root(), k);
    }

    @Override
    public boolean inProgress() {
        return (flags & IN_PROGRESS) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && sameAs(e);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, size, modified);
    }

    @Override
    public String toString() {
        Set<Sidecar> present = EnumSet.noneOf(Sidecar.class);
        for (Sidecar s : Sidecar.values()) {
            if (has(s)) {
                present.add(s);
            }
        }
        return "MediaFile[" + path() + ", " + size + " bytes, " + modified() + (inProgress() ? ", in progress" : "")
                + ", sidecars " + present + "]";
    }
}
