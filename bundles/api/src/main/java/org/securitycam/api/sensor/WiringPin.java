package org.securitycam.api.sensor;

import java.util.Objects;

/** One wire of a sensor module: the module's pin and what on the Pi it connects to. Immutable. */
public final class WiringPin {
    private final String pin;
    private final String connect;

    private WiringPin(String pin, String connect) {
        this.pin = Objects.requireNonNull(pin, "pin");
        this.connect = Objects.requireNonNull(connect, "connect");
    }

    /** A wire from the module's {@code pin} to {@code connect} on the Pi, for example "GPIO 23 (pin 16)". */
    public static WiringPin of(String pin, String connect) {
        return new WiringPin(pin, connect);
    }

    public String pin() {
        return pin;
    }

    public String connect() {
        return connect;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WiringPin w && pin.equals(w.pin) && connect.equals(w.connect);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pin, connect);
    }

    @Override
    public String toString() {
        return pin + " -> " + connect;
    }
}
