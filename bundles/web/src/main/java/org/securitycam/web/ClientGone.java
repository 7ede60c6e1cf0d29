package org.securitycam.web;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.logging.LogRecord;

import org.eclipse.jetty.io.EofException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that goes away while its answer is written is its own business: one DEBUG line, never an ERROR with a
 * stack trace. Jersey logs every failed write of an answer, an event stream's among them, as a SEVERE record with
 * the stack trace; those whose cause is the client's connection are taken out here. Every other record passes.
 */
@Component(immediate = true, service = ClientGone.class)
public class ClientGone {
    private static final Logger LOG = LoggerFactory.getLogger(ClientGone.class);
    /** Held, because java.util.logging keeps only weak references to its loggers, and with them their filters. */
    private final java.util.logging.Logger jerseyWrites =
            java.util.logging.Logger.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder");

    @Activate
    public ClientGone() {
        jerseyWrites.setFilter(this::keep);
    }

    @Deactivate
    void deactivate() {
        jerseyWrites.setFilter(null);
    }

    private boolean keep(LogRecord record) {
        if (record.getThrown() != null && isClientGone(record.getThrown())) {
            LOG.debug("The client went away while its answer was written: {}", record.getThrown().toString());
            return false;
        }
        return true;
    }

    /** Whether a failure is the connection to the client closing or breaking, rather than a fault of the device. */
    public static boolean isClientGone(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EofException || t instanceof ClosedChannelException) {
                return true;
            }
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof IOException && (m.contains("broken pipe") || m.contains("connection reset"))) {
                return true;
            }
        }
        return false;
    }
}
