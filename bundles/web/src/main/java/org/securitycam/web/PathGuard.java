package org.securitycam.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;

/**
 * The one check every file parameter passes (spec §0): an absolute path, directly in the folder the route serves
 * once links are followed, with a name of the route's pattern. Anything else is 400 {@code Invalid path}; a valid path
 * that does not exist is 404. No route reads or deletes a file it did not get from here.
 */
public final class PathGuard {
    private PathGuard() {
    }

    /**
     * @param given the client's path
     * @param folder the folder the route serves
     * @param name the pattern the file name must match, e.g. {@code snapshot_.*\.jpg}
     * @return the real path of an existing file inside the folder
     */
    public static Path resolve(String given, Path folder, Pattern name) {
        if (given == null || given.isEmpty() || given.indexOf('\0') >= 0) {
            throw invalid();
        }
        Path candidate;
        Path root;
        try {
            candidate = Path.of(given);
            root = folder.toRealPath();
        } catch (InvalidPathException | IOException e) {
            throw invalid();
        }
        if (!candidate.isAbsolute()) {
            throw invalid();
        }
        candidate = candidate.normalize();
        Path fileName = candidate.getFileName();
        Path parent = candidate.getParent();
        if (fileName == null || !name.matcher(fileName.toString()).matches()
                || !root.equals(parent) && !folder.toAbsolutePath().normalize().equals(parent)) {
            throw invalid();
        }
        if (!Files.exists(candidate)) {
            throw new NotFoundException("Not found");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw new NotFoundException("Not found");
        }
        if (!root.equals(real.getParent()) || !name.matcher(real.getFileName().toString()).matches()
                || !Files.isRegularFile(real)) {
            throw invalid();
        }
        return real;
    }

    private static WebApplicationException invalid() {
        return new WebApplicationException("Invalid path", 400);
    }
}
