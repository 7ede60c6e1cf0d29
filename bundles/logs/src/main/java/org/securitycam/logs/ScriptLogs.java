package org.securitycam.logs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The logs of the setup scripts: every {@code *.log} directly in a subfolder (its category) of the log folder,
 * except the subfolders of the logs that have parsed routes. A file is listed and served only when its real
 * path is a regular {@code *.log} file directly in the real folder of its category: no traversal, no link
 * leading out of the category, no way into the excluded folders.
 */
final class ScriptLogs {
    /** A script log: {@code category/file}, its size in bytes and when it last changed (ms). */
    record Item(String category, String file, long size, long modified) {
        String name() {
            return category + "/" + file;
        }
    }

    private static final Comparator<Item> NEWEST_FIRST = Comparator.comparingLong(Item::modified)
            .thenComparing(Item::name).reversed();

    private final Path folder;
    private final Set<String> excluded;

    /** @param excluded the subfolders that are not script logs, compared ignoring case */
    ScriptLogs(Path folder, Set<String> excluded) {
        this.folder = folder;
        this.excluded = excluded;
    }

    /** Every script log, newest first (by modification time, then by name, descending). */
    List<Item> list() {
        List<Item> items = new ArrayList<>();
        try (DirectoryStream<Path> categories = Files.newDirectoryStream(folder)) {
            for (Path category : categories) {
                listCategory(category.getFileName().toString(), items);
            }
        } catch (IOException e) {
            // no log folder yet: no script has run
        }
        items.sort(NEWEST_FIRST);
        return items;
    }

    private void listCategory(String category, List<Item> items) {
        if (!validName(category) || isExcluded(category)) {
            return;
        }
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(folder.resolve(category), "*.log")) {
            for (Path log : logs) {
                String file = log.getFileName().toString();
                Optional<Path> real = resolve(category, file);
                if (real.isPresent()) {
                    BasicFileAttributes a = Files.readAttributes(real.get(), BasicFileAttributes.class);
                    items.add(new Item(category, file, a.size(), a.lastModifiedTime().toMillis()));
                }
            }
        } catch (IOException e) {
            // not a folder, or gone meanwhile: nothing to list from it
        }
    }

    /** The real path of a script log, if the names lead to one. */
    Optional<Path> resolve(String category, String file) {
        if (!validName(category) || !validName(file) || isExcluded(category) || !file.endsWith(".log")) {
            return Optional.empty();
        }
        try {
            Path categoryFolder = folder.resolve(category);
            // A linked category folder could lead anywhere.
            if (!Files.isDirectory(categoryFolder, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            Path realFolder = categoryFolder.toRealPath();
            Path real = categoryFolder.resolve(file).toRealPath();
            if (!realFolder.equals(real.getParent()) || !realFolder.getParent().equals(folder.toRealPath())
                    || !real.getFileName().toString().endsWith(".log")
                    || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private boolean isExcluded(String category) {
        return excluded.contains(category.toLowerCase(Locale.ROOT));
    }

    /** One path segment: no separator of any system, no NUL, not {@code .} or {@code ..}. */
    private static boolean validName(String name) {
        return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }
}
