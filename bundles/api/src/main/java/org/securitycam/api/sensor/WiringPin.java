package org.securitycam.api.sensor;

/** One wire of a sensor module: the module's pin and what on the Pi it connects to. */
public record WiringPin(String pin, String connect) {
}
