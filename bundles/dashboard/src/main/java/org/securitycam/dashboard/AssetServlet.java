package org.securitycam.dashboard;

import jakarta.servlet.Servlet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.servlet.whiteboard.annotations.RequireHttpWhiteboard;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** The page under its own name, {@code /index.html}, and the scripts, styles and images under {@code /assets/}. */
@Component(service = Servlet.class)
@RequireHttpWhiteboard
@HttpWhiteboardContextSelect("(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + DashboardContext.NAME + ")")
@HttpWhiteboardServletPattern({"/index.html", "/assets/*"})
public class AssetServlet extends FileServlet {
    private static final long serialVersionUID = 1L;

    @Activate
    public AssetServlet(@Reference DashboardFiles files) {
        super(files);
    }
}
