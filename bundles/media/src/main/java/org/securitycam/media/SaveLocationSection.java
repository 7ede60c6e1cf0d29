package org.securitycam.media;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionOwner;
import org.securitycam.api.settings.SettingsStore;

/**
 * {@code VideoSaveLocation}: the folder of all media, {@code recordings/} under the data home by default. A new
 * location must be a folder the device can write to, outside the system trees and the settings folder (see
 * {@link #folderToUse}); it is created if only its last level is missing.
 */
@Component(property = { SectionOwner.SECTIONS + "=" + SaveLocationSection.SECTION,
        SectionOwner.PID + "=" + SaveLocationSection.PID }, configurationPid = SaveLocationSection.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = SaveLocationSection.Form.class)
public class SaveLocationSection implements SectionOwner {
    static final String SECTION = "VideoSaveLocation";
    static final String PID = "securitycam.media.savelocation";
    static final List<String> SYSTEM_TREES = List.of("/proc", "/sys", "/dev", "/run", "/boot", "/etc");

    @ObjectClassDefinition(name = "security-cam save location", description = "Where recordings, their sidecars "
            + "and the timelapse are kept")
    @interface Form {
        @AttributeDefinition(name = "Folder", description = "An absolute path to a folder the device can write to, "
                + "outside the system folders; it is created if only its last level is missing")
        String VideoSaveLocation();
    }

    private final Path home;

    @Activate
    public SaveLocationSection(BundleContext context) {
        this(home(context));
    }

    SaveLocationSection(Path home) {
        this.home = home;
    }

    /** The data home the launcher names. */
    static Path home(BundleContext context) {
        String home = context.getProperty("securitycam.home");
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".security-cam");
    }

    /** The default save location under a data home. */
    static Path defaultLocation(Path home) {
        return home.resolve("recordings").toAbsolutePath().normalize();
    }

    /**
     * The save location as the settings say now. A value that is not an absolute path can only come from an edited
     * file (the rules refuse it), and the default is used instead, so that no media lands relative to the working
     * directory.
     */
    static Path current(SettingsStore settings, Path home) {
        if (settings.section(SECTION) instanceof String location) {
            try {
                Path p = Path.of(location);
                if (p.isAbsolute()) {
                    return p.normalize();
                }
            } catch (InvalidPathException e) {
                // falls back to the default below
            }
        }
        return defaultLocation(home);
    }

    @Override
    public Object defaults(String section) {
        return defaultLocation(home).toString();
    }

    @Override
    public Object validate(String section, Object proposed) {
        if (!(proposed instanceof String location)) {
            throw new InvalidSettingsException(section + " must be a string");
        }
        Path dir = folderToUse(location, home);
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectory(dir);
            } catch (IOException | SecurityException e) {
                throw new InvalidSettingsException("cannot create the folder " + dir + ": " + reason(e));
            }
        }
        return location;
    }

    /**
     * Where media may go: an absolute path to a folder that exists, or whose parent does (so it can be created),
     * that the device can write to, and that is not inside a system tree or the data home's settings folder. Real
     * paths are compared, so a link cannot lead around the rule. Nothing is created here.
     *
     * @return the folder, to be created if it does not exist
     * @throws InvalidSettingsException naming the rule
     */
    static Path folderToUse(String location, Path home) {
        Path dir;
        try {
            dir = Path.of(location);
        } catch (InvalidPathException e) {
            throw new InvalidSettingsException("must be an absolute path");
        }
        if (!dir.isAbsolute()) {
            throw new InvalidSettingsException("must be an absolute path");
        }
        dir = dir.normalize();
        boolean exists = Files.exists(dir);
        if (exists && !Files.isDirectory(dir)) {
            throw new InvalidSettingsException(dir + " is not a folder");
        }
        Path parent = dir.getParent();
        if (!exists && (parent == null || !Files.isDirectory(parent))) {
            throw new InvalidSettingsException("the folder " + dir + " does not exist, and neither does "
                    + (parent == null ? "its parent" : parent) + " to create it in");
        }
        Path real;
        try {
            real = exists ? dir.toRealPath() : parent.toRealPath().resolve(dir.getFileName());
        } catch (IOException e) {
            throw new InvalidSettingsException("cannot read " + dir + ": " + reason(e));
        }
        for (Path forbidden : forbidden(home)) {
            if (real.startsWith(forbidden)) {
                throw new InvalidSettingsException("must not be inside " + forbidden);
            }
        }
        Path writable = exists ? real : real.getParent();
        if (!canWrite(writable)) {
            throw new InvalidSettingsException("the device cannot write to " + writable);
        }
        return dir;
    }

    /** The system trees, and the folder that holds the device's secrets, as real paths where they exist. */
    private static List<Path> forbidden(Path home) {
        List<Path> out = new ArrayList<>();
        for (String tree : SYSTEM_TREES) {
            out.add(realIfExists(Path.of(tree)));
        }
        out.add(realIfExists(home.resolve("settings").toAbsolutePath().normalize()));
        return out;
    }

    private static Path realIfExists(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    /** Whether a file can be made in the folder: tried, not guessed from its mode, which root ignores. */
    private static boolean canWrite(Path folder) {
        try {
            Path probe = Files.createTempFile(folder, ".write-check", null);
            Files.delete(probe);
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static String reason(Exception e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
