package org.securitycam.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionOwner;

/** {@code VideoSaveLocation}: the folder of all media, {@code recordings/} under the data home by default. */
@Component(property = SectionOwner.SECTIONS + "=VideoSaveLocation")
public class SaveLocationSection implements SectionOwner {
    private final Path home;

    @Activate
    public SaveLocationSection(BundleContext context) {
        this.home = DataHome.of(context);
    }

    @Override
    public Object defaults(String section) {
        return home.resolve("recordings").toString();
    }

    @Override
    public Object validate(String section, Object proposed) {
        String location = Values.string(section, proposed);
        Path dir = Path.of(location);
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
