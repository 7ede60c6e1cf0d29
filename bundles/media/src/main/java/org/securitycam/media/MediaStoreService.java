package org.securitycam.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.securitycam.api.events.Topics;
import org.securitycam.api.media.DiskUsage;
import org.securitycam.api.media.MediaFile;
import org.securitycam.api.media.MediaKind;
import org.securitycam.api.media.MediaStore;
import org.securitycam.api.media.Sidecar;
import org.securitycam.api.settings.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media store over the save location ({@code VideoSaveLocation}): recordings and snapshots in it, timelapses in
 * its {@code timelapse/} folder. One index per kind and folder; a save location that moved gets new indexes. Every
 * method takes the one lock, which a listing holds for a stat of the folder when nothing changed.
 *
 * <p>Only regular files are listed. A client's path is confined to its kind's folder by its real path; a sidecar is
 * used only if it is a regular file in the same folder, or a link to a sidecar of the same sort there.
 */
@Component(service = MediaStore.class)
public class MediaStoreService implements MediaStore {
    private static final Logger LOG = LoggerFactory.getLogger(MediaStoreService.class);

    private final Supplier<Path> saveLocation;
    private final Consumer<Event> events;
    private final LongSupplier clock;
    private final Map<MediaKind, FolderIndex> indexes = new EnumMap<>(MediaKind.class);
    /** The files between create and finish, by the path create returned. */
    private final Map<Path, MediaKind> writing = new HashMap<>();

    @Activate
    public MediaStoreService(BundleContext context, @Reference SettingsStore settings, @Reference EventAdmin events) {
        this(() -> SaveLocationSection.current(settings, SaveLocationSection.home(context)), events::postEvent,
                System::currentTimeMillis);
    }

    MediaStoreService(Supplier<Path> saveLocation, Consumer<Event> events, LongSupplier clock) {
        this.saveLocation = saveLocation;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Path folder(MediaKind kind) {
        Path base = saveLocation.get();
        String sub = Naming.of(kind).subfolder;
        return sub.isEmpty() ? base : base.resolve(sub);
    }

    /** The kind's index for the folder configured now. */
    private FolderIndex index(MediaKind kind) {
        Path folder = folder(kind);
        FolderIndex index = indexes.get(kind);
        if (index == null || !index.folder.equals(folder)) {
            index = new FolderIndex(Naming.of(kind), folder, clock);
            indexes.put(kind, index);
        }
        return index;
    }

    private FolderIndex fresh(MediaKind kind) {
        FolderIndex index = index(kind);
        index.refresh(writing.keySet());
        return index;
    }

    @Override
    public synchronized List<MediaFile> list(MediaKind kind) {
        return fresh(kind).newestFirst();
    }

    @Override
    public synchronized List<MediaFile> oldestFirst(MediaKind kind) {
        return fresh(kind).oldestFirst();
    }

    @Override
    public synchronized int count(MediaKind kind) {
        return fresh(kind).count();
    }

    @Override
    public synchronized int countNewerThan(Instant since) {
        int n = 0;
        for (MediaKind kind : MediaKind.values()) {
            n += fresh(kind).countNewerThan(since);
        }
        return n;
    }

    @Override
    public synchronized MediaFile resolve(MediaKind kind, String clientPath) {
        if (clientPath == null || clientPath.isEmpty() || clientPath.indexOf('\0') >= 0) {
            throw MediaErrors.invalid();
        }
        Path p;
        try {
            p = Path.of(clientPath);
        } catch (InvalidPathException e) {
            throw MediaErrors.invalid();
        }
        // A normalised path only: "." and ".." have no business in a path this device handed out.
        if (!p.isAbsolute() || !p.equals(p.normalize()) || p.getFileName() == null
                || !Naming.of(kind).matches(p.getFileName().toString())) {
            throw MediaErrors.invalid();
        }
        FolderIndex index = index(kind);
        Path real = index.realFolder();
        if (!p.getParent().equals(index.folder) && !p.getParent().equals(real)) {
            throw MediaErrors.invalid();
        }
        if (real == null) {
            throw MediaErrors.notFound();
        }
        return index.existing(real, p.getFileName().toString(), writing.keySet());
    }

    @Override
    public synchronized MediaFile resolveName(MediaKind kind, String fileName) {
        if (fileName == null || !Naming.of(kind).matches(fileName)) {
            throw MediaErrors.invalid();
        }
        FolderIndex index = index(kind);
        Path real = index.realFolder();
        if (real == null) {
            throw MediaErrors.notFound();
        }
        return index.existing(real, fileName, writing.keySet());
    }

    @Override
    public synchronized Path create(MediaKind kind, LocalDateTime stamp) throws IOException {
        Naming naming = Naming.of(kind);
        FolderIndex index = index(kind);
        Files.createDirectories(index.folder);
        Path real = index.folder.toRealPath();
        LocalDateTime t = stamp;
        Path file = real.resolve(naming.name(t));
        while (naming.unique() && taken(naming, file)) {
            t = t.plusSeconds(1);
            file = real.resolve(naming.name(t));
        }
        writing.put(file, kind);
        return file;
    }

    /** A name is taken by a file in progress, or by anything of its own or its sidecars' names on disk. */
    private boolean taken(Naming naming, Path file) {
        if (writing.containsKey(file) || FolderIndex.attributes(file, false) != null) {
            return true;
        }
        String name = file.getFileName().toString();
        for (Sidecar s : naming.sidecars()) {
            if (FolderIndex.attributes(file.resolveSibling(naming.sidecarName(name, s)), false) != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean finish(Path file) {
        Naming naming;
        boolean kept;
        synchronized (this) {
            MediaKind kind = writing.remove(file);
            naming = Naming.of(kind != null ? kind : kindOf(file));
            BasicFileAttributes a = FolderIndex.attributes(file, false);
            kept = a != null && a.isRegularFile() && a.size() > 0;
            if (!kept) {
                // A failed write leaves nothing behind: not the empty file, not the thumbnail taken as it began.
                if (a != null && !a.isDirectory()) {
                    remove(file);
                }
                removeSidecars(naming, file);
            }
            index(naming.kind).update(file, false);
        }
        if (kept) {
            events.accept(new Event(Topics.ARCHIVE_UPDATED, Map.of("path", file.toString(), "type", naming.type)));
        }
        return kept;
    }

    @Override
    public synchronized void changed(Path file) {
        MediaKind kind = writing.get(file);
        index(kind != null ? kind : kindOf(file)).update(file, kind != null);
    }

    /** The kind whose folder holds a file of the device's, by its name and folder. */
    private MediaKind kindOf(Path file) {
        for (MediaKind kind : MediaKind.values()) {
            FolderIndex index = index(kind);
            Path parent = file.getParent();
            if (Naming.of(kind).matches(file.getFileName().toString())
                    && (index.folder.equals(parent) || parent != null && parent.equals(index.realFolder()))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Not a media file of the save location: " + file);
    }

    @Override
    public synchronized long delete(MediaFile file) {
        Path p = file.path();
        if (writing.containsKey(p)) {
            throw MediaErrors.inUse(file.kind());
        }
        Naming naming = Naming.of(file.kind());
        FolderIndex index = index(file.kind());
        String name = p.getFileName().toString();
        if (!naming.matches(name) || !p.getParent().equals(index.realFolder())) {
            throw MediaErrors.notFound();
        }
        BasicFileAttributes a = FolderIndex.attributes(p, false);
        if (a == null) {
            index.forget(name);
            throw MediaErrors.notFound();
        }
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + name + ": " + e.getMessage(), e);
        }
        long freed = (a.isRegularFile() ? a.size() : 0) + removeSidecars(naming, p);
        index.forget(name);
        return freed;
    }

    /**
     * Removes the sidecars of a media file by their own names: a link is removed as a link, whatever it points to;
     * a folder of a sidecar's name is not ours and stays.
     *
     * @return the bytes freed
     */
    private static long removeSidecars(Naming naming, Path file) {
        long freed = 0;
        for (Sidecar s : naming.sidecars()) {
            Path sidecar = file.resolveSibling(naming.sidecarName(file.getFileName().toString(), s));
            BasicFileAttributes a = FolderIndex.attributes(sidecar, false);
            if (a != null && (a.isRegularFile() || a.isSymbolicLink()) && remove(sidecar)) {
                freed += a.isRegularFile() ? a.size() : 0;
            }
        }
        return freed;
    }

    /** Deletes one file (a link as a link); false, logged, if it could not be. */
    private static boolean remove(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", p.getFileName(), e.getMessage());
            return false;
        }
    }

    @Override
    public DiskUsage usage() throws IOException {
        Path p = saveLocation.get();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IOException("No part of the save location exists: " + saveLocation.get());
        }
        FileStore store = Files.getFileStore(p);
        return DiskUsage.of(store.getTotalSpace(), store.getUsableSpace());
    }
}
