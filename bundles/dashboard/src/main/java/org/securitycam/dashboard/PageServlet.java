package org.securitycam.dashboard;

import jakarta.servlet.Servlet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.servlet.whiteboard.annotations.RequireHttpWhiteboard;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;

/**
 * The page at the root path {@code /} (the servlet pattern for the context root is the empty string). A servlet
 * of its own because a component property cannot list the empty string among several values, and its pattern is
 * a plain property because the pattern annotation writes an empty one as no value at all.
 */
@Component(service = Servlet.class, property = HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=")
@RequireHttpWhiteboard
@HttpWhiteboardContextSelect("(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + DashboardContext.NAME + ")")
public class PageServlet extends FileServlet {
    private static final long serialVersionUID = 1L;

    @Activate
    public PageServlet(@Reference DashboardFiles files) {
        super(files);
    }
}
