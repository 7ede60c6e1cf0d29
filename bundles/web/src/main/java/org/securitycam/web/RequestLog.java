package org.securitycam.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line in the device log per request: client, method, path, status and time. The query string is left out
 * on purpose, because {@code ?token=} carries the API token and no secret may reach the log.
 */
@Component(service = Preprocessor.class, property = "service.ranking:Integer=100")
public class RequestLog implements Preprocessor {
    private static final Logger LOG = LoggerFactory.getLogger("http.request");

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        try {
            chain.doFilter(req, res);
        } finally {
            if (LOG.isInfoEnabled()) {
                HttpServletRequest request = (HttpServletRequest) req;
                LOG.info("{} {} {} {} {}ms", request.getRemoteAddr(), request.getMethod(), request.getRequestURI(),
                        ((HttpServletResponse) res).getStatus(), (System.nanoTime() - start) / 1_000_000);
            }
        }
    }
}
