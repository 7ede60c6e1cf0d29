package org.securitycam.storage;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.securitycam.api.media.DiskUsage;
import org.securitycam.api.media.MediaStore;
import org.securitycam.api.settings.SettingsStore;
import org.securitycam.media.MediaStoreService;

/**
 * A save location in a temporary folder with the real media store over it, files of known ages and sizes, and a
 * disk of a fixed capacity whose use is what the folder really holds, summed on every measure.
 */
final class MediaFolder {
    static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    final Path root;
    final MediaStore store;
    final List<Event> storeEvents = new ArrayList<>();
    final long capacity;
    final Instant now = Instant.now();
    private int serial;

    MediaFolder(Path root, long capacity) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
        this.capacity = capacity;
        SettingsStore settings = (SettingsStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { SettingsStore.class },
                (p, m, a) -> m.getName().equals("section") ? this.root.toString() : null);
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { BundleContext.class }, (p, m, a) -> null);
        this.store = new MediaStoreService(context, settings, new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                storeEvents.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                storeEvents.add(event);
            }
        });
    }

    /** The bytes of every regular file under the folder, now. */
    long used() throws IOException {
        long[] sum = { 0 };
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                if (a.isRegularFile()) {
                    sum[0] += a.size();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return sum[0];
    }

    DiskUsage usage() throws IOException {
        return usage(capacity);
    }

    /** The folder's use on a disk of another capacity. */
    DiskUsage usage(long capacity) throws IOException {
        return DiskUsage.of(capacity, capacity - used());
    }

    /** A name stamp for a file made {@code age} ago, unique within this folder. */
    private LocalDateTime stamp(Duration age) {
        return LocalDateTime.ofInstant(now.minus(age), ZoneId.systemDefault()).withNano(0).plusSeconds(serial++ % 50);
    }

    /** A recording with its thumbnail, sprite and meta, all of {@code size} bytes. */
    Path recording(Duration age, int size) throws IOException {
        String base = "output_" + SECOND.format(stamp(age));
        Path video = file(root.resolve(base + ".mp4"), size, age);
        file(root.resolve(base + ".thumb.jpg"), size, age);
        file(root.resolve(base + ".sprite.jpg"), size, age);
        file(root.resolve(base + ".meta.json"), size, age);
        return video;
    }

    /** A timelapse with its thumbnail, both of {@code size} bytes; one a day. */
    Path timelapse(Duration age, int size) throws IOException {
        Path dir = Files.createDirectories(root.resolve("timelapse"));
        String base = "timelapse_" + DAY.format(LocalDateTime.ofInstant(now.minus(age), ZoneId.systemDefault()));
        if (Files.exists(dir.resolve(base + ".mp4"))) {
            throw new IllegalArgumentException("Two timelapses of one day: " + base);
        }
        Path video = file(dir.resolve(base + ".mp4"), size, age);
        file(dir.resolve(base + ".thumb.jpg"), size, age);
        return video;
    }

    Path snapshot(Duration age, int size) throws IOException {
        return file(root.resolve("snapshot_" + SECOND.format(stamp(age)) + ".jpg"), size, age);
    }

    Path file(Path p, int size, Duration age) throws IOException {
        Files.write(p, new byte[size]);
        Files.setLastModifiedTime(p, FileTime.from(now.minus(age)));
        return p;
    }

    /** The file and the sidecars it may have, by their names: what must be gone together. */
    static List<Path> withSidecars(Path media) {
        String name = media.getFileName().toString();
        String base = name.substring(0, name.lastIndexOf('.'));
        List<Path> all = new ArrayList<>(List.of(media));
        for (String s : List.of(".thumb.jpg", ".sprite.jpg", ".meta.json")) {
            all.add(media.resolveSibling(base + s));
        }
        return all;
    }
}
