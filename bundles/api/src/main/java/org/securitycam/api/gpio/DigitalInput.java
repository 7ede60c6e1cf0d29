package org.securitycam.api.gpio;

import org.osgi.annotation.versioning.ProviderType;

/** An opened input pin. Closing it removes the listener and releases the line; closing twice is harmless. */
@ProviderType
public interface DigitalInput extends AutoCloseable {
    int pin();

    /** The current level, read without waiting for an edge. */
    boolean high();

    @Override
    void close();
}
