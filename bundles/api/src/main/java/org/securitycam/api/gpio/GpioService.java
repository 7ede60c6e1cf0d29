package org.securitycam.api.gpio;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Digital inputs on the BCM pins 0-27 of one board, real or simulated.
 * Edges are delivered to listeners; nothing polls. Opening a pin that is already open
 * through this service shares the line rather than opening it twice.
 */
@ProviderType
public interface GpioService {
    int MIN_PIN = 0;
    int MAX_PIN = 27;

    /** Opens a pin as an input and calls the listener on every debounced level change. */
    DigitalInput openInput(int pin, Pull pull, int debounceMs, EdgeListener listener) throws GpioException;

    /** Reads the raw level of a pin without disturbing any listener already on it. */
    boolean read(int pin) throws GpioException;
}
