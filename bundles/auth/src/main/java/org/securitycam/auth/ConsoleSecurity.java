package org.securitycam.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.securitycam.api.auth.AuthService;
import org.securitycam.web.AuthGate;

/**
 * Replaces the Web Console's built-in admin/admin login: the console admits exactly the requests that
 * {@link AuthGate} let through with the device password or token, or everyone while auth is off.
 */
@Component(service = SecurityProvider.class)
public class ConsoleSecurity implements SecurityProvider {
    private final AuthService auth;

    @Activate
    public ConsoleSecurity(@Reference AuthService auth) {
        this.auth = auth;
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        if (!auth.enabled() || Boolean.TRUE.equals(request.getAttribute(AuthGate.AUTHENTICATED))) {
            return "admin";
        }
        return null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return "admin".equals(user);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // Basic and token credentials live in the client; there is no session to end.
    }
}
