package org.securitycam.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

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

/** {@code VideoSaveLocation}: the folder of all media, {@code recordings/} under the data home by default. */
@Component(property = { SectionOwner.SECTIONS + "=" + SaveLocationSection.SECTION,
        SectionOwner.PID + "=" + SaveLocationSection.PID }, configurationPid = SaveLocationSection.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = SaveLocationSection.Form.class)
public class SaveLocationSection implements SectionOwner {
    static final String SECTION = "VideoSaveLocation";
    static final String PID = "securitycam.media.savelocation";

    @ObjectClassDefinition(name = "security-cam save location", description = "Where recordings, their sidecars "
            + "and the timelapse are kept")
    @interface Form {
        @AttributeDefinition(name = "Folder", description = "An absolute path to a writable folder; it is created "
                + "if missing")
        String VideoSaveLocation();
    }

    private final Path home;

    @Activate
    public SaveLocationSection(BundleContext context) {
        this.home = home(context);
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
        Path dir;
        try {
            dir = Path.of(location);
        } catch (InvalidPathException e) {
            throw new InvalidSettingsException("must be an absolute path");
        }
        if (!dir.isAbsolute()) {
            throw new InvalidSettingsException("must be an absolute path");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new InvalidSettingsException("cannot create the folder " + location);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new InvalidSettingsException("must be a writable folder");
        }
        return location;
    }
}
