package org.securitycam.api.gpio;

/** The internal resistor a digital input is biased with. */
public enum Pull {
    NONE, UP, DOWN
}
