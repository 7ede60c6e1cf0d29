package org.securitycam.camera;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The media files of one folder matching a name pattern, newest first. The listing is read again only when the
 * folder itself changed (a file was added, renamed or removed), so counting 10,000 recordings costs a pass
 * over memory, not 10,000 stat calls.
 */
final class MediaIndex {
    /** One media file as listed. */
    record Entry(Path path, long size, long mtimeMillis) {
    }

    private final Pattern pattern;
    private Path folder;
    private FileTime folderStamp;
    private long sizeStamp = -1;
    private List<Entry> entries = List.of();

    MediaIndex(Pattern pattern) {
        this.pattern = pattern;
    }

    synchronized List<Entry> list(Path dir) {
        try {
            FileTime stamp = Files.getLastModifiedTime(dir);
            if (dir.equals(folder) && stamp.equals(folderStamp) && entries.size() == sizeStamp) {
                return entries;
            }
            List<Entry> fresh = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path p : files) {
                    if (pattern.matcher(p.getFileName().toString()).matches()) {
                        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                        if (a.isRegularFile()) {
                            fresh.add(new Entry(p, a.size(), a.lastModifiedTime().toMillis()));
                        }
                    }
                }
            }
            fresh.sort(Comparator.comparingLong(Entry::mtimeMillis).reversed()
                    .thenComparing(e -> e.path().getFileName().toString(), Comparator.reverseOrder()));
            folder = dir;
            folderStamp = stamp;
            entries = List.copyOf(fresh);
            sizeStamp = entries.size();
            return entries;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Forgets the listing, after this device changed a file in place (a remux keeps the folder's stamp). */
    synchronized void invalidate() {
        folder = null;
    }
}
