package org.securitycam.web;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the REST whiteboard on the same Jetty as the Web Console, serving the API at the root path.
 * The configuration is given through Config Admin from code, never through FileInstall .cfg files, which
 * FileInstall can truncate and then read back empty.
 */
@Component(immediate = true)
public class WhiteboardSetup {
    static final String FACTORY_PID = "JakartarsServletWhiteboardRuntimeComponent";
    private static final Logger LOG = LoggerFactory.getLogger(WhiteboardSetup.class);

    @Activate
    public WhiteboardSetup(@Reference ConfigurationAdmin configAdmin) throws IOException {
        Configuration config = configAdmin.getFactoryConfiguration(FACTORY_PID, "securitycam", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("jersey.jakartars.whiteboard.name", "security-cam");
        props.put("jersey.context.path", "/");
        if (config.updateIfDifferent(props)) {
            LOG.info("REST whiteboard configured at the root path");
        }
    }
}
