package org.securitycam.media;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.securitycam.api.media.MediaFile;
import org.securitycam.api.media.MediaKind;
import org.securitycam.api.media.Sidecar;

/**
 * One media file as the index saw it, with the sidecars that passed the confinement rule. Immutable: a change on
 * disk makes a new entry, which keeps the parsed meta of the old one when the meta file is the same.
 */
final class Entry implements MediaFile {
    /** A file's identity on disk: a change of any of these means its content may have changed. */
    record Stamp(long size, FileTime modified, Object fileKey) {
        static Stamp of(BasicFileAttributes a) {
            return new Stamp(a.size(), a.lastModifiedTime(), a.fileKey());
        }
    }

    /** A sidecar that passed the rule: its real path and identity. */
    record Side(Path path, Stamp stamp) {
    }

    private final MediaKind kind;
    private final Path path;
    private final Stamp stamp;
    private final Instant modified;
    private final Map<Sidecar, Side> sidecars;
    private final boolean inProgress;
    private final MetaFile meta;

    Entry(MediaKind kind, Path path, Stamp stamp, Map<Sidecar, Side> sidecars, boolean inProgress, Entry previous) {
        this.kind = kind;
        this.path = path;
        this.stamp = stamp;
        // Milliseconds, as clients see it: a client that asks what is newer than the newest time it was shown
        // must not be told about that same file again.
        this.modified = stamp.modified().toInstant().truncatedTo(ChronoUnit.MILLIS);
        this.sidecars = sidecars.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(sidecars));
        this.inProgress = inProgress;
        Side m = sidecars.get(Sidecar.META);
        if (m == null) {
            this.meta = null;
        } else if (previous != null && previous.meta != null && previous.meta.is(m)) {
            this.meta = previous.meta;
        } else {
            this.meta = new MetaFile(m);
        }
    }

    /** The same file with another progress flag. */
    Entry withProgress(boolean now) {
        return now == inProgress ? this : new Entry(kind, path, stamp, sidecars, now, this);
    }

    /** The same sidecars on a file whose own identity changed (the recording being written grew). */
    Entry withStamp(Stamp now) {
        return now.equals(stamp) ? this : new Entry(kind, path, now, sidecars, inProgress, this);
    }

    /** Whether this is the same file with the same sidecars, as far as their identities tell. */
    boolean sameAs(Entry other) {
        return other != null && path.equals(other.path) && stamp.equals(other.stamp)
                && sidecars.equals(other.sidecars) && inProgress == other.inProgress;
    }

    Stamp stamp() {
        return stamp;
    }

    Map<Sidecar, Side> sides() {
        return sidecars;
    }

    String name() {
        return path.getFileName().toString();
    }

    @Override
    public MediaKind kind() {
        return kind;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public long size() {
        return stamp.size();
    }

    @Override
    public Instant modified() {
        return modified;
    }

    @Override
    public Optional<Path> sidecar(Sidecar sidecar) {
        Side s = sidecars.get(sidecar);
        return s == null ? Optional.empty() : Optional.of(s.path());
    }

    @Override
    public Optional<Map<String, Object>> meta() {
        return meta == null ? Optional.empty() : meta.value();
    }

    @Override
    public boolean inProgress() {
        return inProgress;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && sameAs(e);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, stamp);
    }

    @Override
    public String toString() {
        return "MediaFile[" + path + ", " + stamp.size() + " bytes, " + modified + (inProgress ? ", in progress" : "")
                + ", sidecars " + sidecars.keySet() + "]";
    }
}
