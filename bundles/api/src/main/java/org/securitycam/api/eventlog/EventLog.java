package org.securitycam.api.eventlog;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The device's event log. Any bundle may write to it from any thread, including a request's or Event Admin's:
 * {@link #record} appends to the persisted log without rewriting it and returns in well under a millisecond.
 * The log keeps the newest {@link #CAPACITY} entries, across restarts and power cuts (an entry written just
 * before a power cut may be lost, never the entries before it).
 */
@ProviderType
public interface EventLog {
    /** How many entries the log keeps; the oldest go first. */
    int CAPACITY = 5000;

    /**
     * Appends an entry stamped now.
     *
     * @param type what happened, one of {@link EventTypes} or a bundle's own lower_snake_case word
     * @param severity how much it matters
     * @param detail a short sentence for people (a client address, a reason), or null; never a secret
     */
    void record(String type, Severity severity, String detail);

    /** The entries stamped at or after {@code from}, oldest first. */
    List<Entry> since(Instant from);

    /** How much an entry matters; {@link #label()} is its name in the API. */
    enum Severity {
        INFO("info"), WARNING("warning"), CRITICAL("critical");

        private final String label;

        Severity(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One entry of the log. {@code detail} may be null. */
    record Entry(Instant ts, String type, Severity severity, String detail) {
    }
}
