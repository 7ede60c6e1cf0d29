package org.securitycam.web;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Felix's framework properties cannot say about its Jetty: the {@link RequestGate} in front of every request,
 * JSON error pages for the server and the servlet context, and a thread pool of a fixed size, for a Pi: a burst
 * of requests neither grows it nor leaves threads behind. The launcher starts Jetty only once this is registered,
 * so no request is ever served without it.
 *
 * <p>Felix hands code its running {@link Server} only through a {@link ConnectorFactory}, and counts only server
 * connectors; the one this returns never opens a socket (see {@link NoConnector}). Stopping the component undoes
 * the setup.
 */
@Component(service = ConnectorFactory.class)
public class JettySetup implements ConnectorFactory {
    /**
     * Sized for a Pi: no route holds a thread while its client is slow (the gate reads bodies before they reach a
     * route), so a few threads serve many connections; Jetty's default is 200.
     */
    static final int THREADS = 24;
    private static final Logger LOG = LoggerFactory.getLogger(JettySetup.class);

    // Optional and dynamic: the API is up while the REST whiteboard's runtime is registered and has taken what was
    // there before it; until then every request is answered 503 by the gate.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile JakartarsServiceRuntime rest;

    private final RestReadiness apiUp;
    private Installed installed;

    @Activate
    public JettySetup(BundleContext context) {
        this.apiUp = new RestReadiness(context, () -> rest);
    }

    @Override
    public synchronized Connector createConnector(Server server) {
        if (installed != null) {
            installed.undo();
        }
        if (server.getThreadPool() instanceof QueuedThreadPool pool) {
            pool.setMaxThreads(THREADS);
            pool.setMinThreads(THREADS);
        }
        // Felix takes the servlets down before it closes the port: while its bundle stops, everything is 503 too.
        Bundle http = FrameworkUtil.getBundle(server.getClass());
        installed = new Installed(server, new RequestGate(
                () -> (http == null || http.getState() != Bundle.STOPPING) && apiUp.getAsBoolean()));
        LOG.info("Jetty set up: requests gated, JSON error pages, {} threads",
                server.getThreadPool() instanceof QueuedThreadPool p ? p.getMaxThreads() : "?");
        return new NoConnector(server);
    }

    @Deactivate
    synchronized void deactivate() {
        if (installed != null) {
            installed.undo();
            installed = null;
        }
    }

    /**
     * What Felix gets back for the server: it opens no socket and starts no thread. It names the loopback address
     * of the device's port, which Felix lists among the server's endpoints.
     */
    private static final class NoConnector extends ServerConnector {
        NoConnector(Server server) {
            super(server, 0, 1);
            setHost("127.0.0.1");
            for (Connector c : server.getConnectors()) {
                if (c instanceof ServerConnector real) {
                    setPort(real.getPort());
                }
            }
        }

        @Override
        public void open() {
            // never listens
        }

        @Override
        protected void doStart() {
            // no acceptor, no selector
        }

        @Override
        protected void doStop() {
            // nothing was started
        }
    }

    /** The gate and the error pages in one server, and how to take them out again. */
    private static final class Installed {
        private final Server server;
        private final RequestGate gate;
        private final ContextHandlerCollection contexts;
        private final ServletContextHandler context;
        private final Request.Handler serverErrors;

        Installed(Server server, RequestGate gate) {
            this.server = server;
            this.gate = gate;
            this.contexts = server.getDescendant(ContextHandlerCollection.class);
            this.context = server.getDescendant(ServletContextHandler.class);
            if (contexts == null || context == null || !contexts.getHandlers().contains(context)) {
                throw new IllegalStateException("Jetty is not laid out as Felix lays it out: " + server.getHandler());
            }
            this.serverErrors = server.getErrorHandler();
            // The server's own handler cannot change while it runs; the collection of contexts can. The gate
            // wraps the servlet context in it. Jetty stops a managed handler that is replaced while running, so
            // the context changes hands unmanaged, and the gate manages it from then on.
            gate.setServer(server);
            gate.setHandler(context);
            start(gate);
            gate.manage(context);
            contexts.unmanage(context);
            contexts.setHandlers(replace(contexts.getHandlers(), context, gate));
            contexts.manage(gate);
            server.setErrorHandler(new JsonErrorPages.Server());
            context.setErrorHandler(new JsonErrorPages.Servlets());
        }

        void undo() {
            context.setErrorHandler(new org.eclipse.jetty.ee10.servlet.ErrorHandler());
            server.setErrorHandler(serverErrors);
            gate.unmanage(context);
            contexts.unmanage(gate);
            contexts.setHandlers(replace(contexts.getHandlers(), gate, context));
            contexts.manage(context);
            try {
                gate.stop();
            } catch (Exception e) {
                LOG.debug("The request gate did not stop cleanly: {}", e.toString());
            }
        }

        private static List<Handler> replace(List<Handler> handlers, Handler old, Handler by) {
            List<Handler> out = new ArrayList<>(handlers);
            out.set(out.indexOf(old), by);
            return out;
        }

        private static void start(RequestGate gate) {
            try {
                gate.start();
            } catch (Exception e) {
                throw new IllegalStateException("The request gate did not start", e);
            }
        }
    }
}
