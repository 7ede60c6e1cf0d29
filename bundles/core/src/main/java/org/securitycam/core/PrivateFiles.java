package org.securitycam.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings folder holds the token and the password hash, so it is readable by the device's user only: the
 * folder 0700 and every file in it 0600, whatever the umask. Looser modes, from an older version or a hand edit,
 * are repaired at start with an INFO line each. A filesystem without POSIX modes is left as it is.
 */
final class PrivateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates the folder (0700) if it is missing, and makes it and the files in it private. */
    static void secure(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder.getParent());
            Files.createDirectory(folder, folderAttributes(folder.getParent()));
        }
        if (!posix(folder)) {
            return;
        }
        repair(folder, FOLDER);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    repair(f, FILE);
                }
            }
        }
    }

    /** The attributes for a new file in the folder: mode 0600 where modes exist. */
    static FileAttribute<?>[] fileAttributes(Path folder) throws IOException {
        return posix(folder) ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE) }
                : new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] folderAttributes(Path parent) throws IOException {
        return posix(parent) ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FOLDER) }
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path p) throws IOException {
        return Files.getFileStore(p).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    private static void repair(Path p, Set<PosixFilePermission> wanted) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (!wanted.containsAll(mode)) {
            Files.setPosixFilePermissions(p, wanted);
            LOG.info("{} was {}; made it {}, readable by this user only", p, PosixFilePermissions.toString(mode),
                    PosixFilePermissions.toString(wanted));
        }
    }
}
