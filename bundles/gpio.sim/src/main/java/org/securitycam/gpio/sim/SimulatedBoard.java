package org.securitycam.gpio.sim;

import org.osgi.annotation.versioning.ProviderType;

/** Drives the pins of the simulated board. Levels start low; a pull-up input starts high until driven. */
@ProviderType
public interface SimulatedBoard {
    /** Sets a pin's level as a sensor's output would; listeners see it after their debounce time. */
    void drive(int pin, boolean high);
}
