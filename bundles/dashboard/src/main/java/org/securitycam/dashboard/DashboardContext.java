package org.securitycam.dashboard;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * The dashboard's own servlet context at the root path, ranked above the REST API's. The whiteboard tries the
 * contexts of a path in ranking order and falls through to the next when a context has no servlet for the
 * request, so the dashboard answers exactly its own paths and every other request reaches the API as before.
 * In one shared context the API's catch-all pattern would outrank the page at {@code /}.
 */
@Component(service = ServletContextHelper.class, property = "service.ranking:Integer=1000")
@HttpWhiteboardContext(name = DashboardContext.NAME, path = "/")
public class DashboardContext extends ServletContextHelper {
    static final String NAME = "securitycam.dashboard";
}
