package org.securitycam.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.securitycam.api.web.PublicFiles;

/**
 * The page as the build put it into this bundle, read once (a few hundred KB with its compressed copies), and the
 * claim to the auth gate that exactly these files load without the token.
 */
@Component(service = {DashboardFiles.class, PublicFiles.class})
public class DashboardFiles implements PublicFiles {
    /** Where the build puts the page inside the bundle. */
    static final String ROOT = "dashboard";

    private final StaticFiles files;

    @Activate
    public DashboardFiles(BundleContext context) {
        this.files = new StaticFiles(read(context.getBundle()));
    }

    @Override
    public boolean serves(String path) {
        return files.serves(path);
    }

    StaticFiles files() {
        return files;
    }

    private static Map<String, byte[]> read(Bundle bundle) {
        Map<String, byte[]> result = new HashMap<>();
        Enumeration<URL> entries = bundle.findEntries(ROOT, "*", true);
        String prefix = "/" + ROOT + "/";
        while (entries != null && entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String name = url.getPath();
            if (name.endsWith("/") || !name.startsWith(prefix)) {
                continue;
            }
            try (InputStream in = url.openStream()) {
                result.put(name.substring(prefix.length()), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the dashboard's " + name, e);
            }
        }
        return result;
    }
}
