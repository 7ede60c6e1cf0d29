package org.securitycam.logging;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends OSGi log service entries (framework, SCR, request lines from Felix HTTP) to the device log through
 * slf4j, named after the bundle that logged them, so that everything lands in one file in one format.
 */
@Component(immediate = true)
public class LogForwarder implements LogListener {
    private final LogReaderService reader;

    @Activate
    public LogForwarder(@Reference LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        String source = entry.getLoggerName();
        // Service events are a line per service at every start: they belong at DEBUG. Bundle events stay at
        // INFO, so the log shows which bundles a driver update really restarted.
        boolean frameworkEvent = entry.getMessage() != null && entry.getMessage().startsWith("ServiceEvent ");
        if (source == null || "LogService".equals(source) || source.startsWith("Events.")) {
            source = entry.getBundle() == null ? "osgi" : entry.getBundle().getSymbolicName();
        }
        Logger log = LoggerFactory.getLogger(source);
        if (frameworkEvent) {
            log.debug(entry.getMessage());
            return;
        }
        String message = entry.getMessage();
        Throwable error = entry.getException();
        switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> log.error(message, error);
            case WARN -> log.warn(message, error);
            case INFO -> log.info(message, error);
            case DEBUG -> log.debug(message, error);
            default -> log.trace(message, error);
        }
    }
}
