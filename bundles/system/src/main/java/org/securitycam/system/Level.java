package org.securitycam.system;

/** An alert level, in rising order; {@link #label()} is its name in the API. */
enum Level {
    OK("ok"), WARN("warn"), CRITICAL("critical");

    private final String label;

    Level(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Level max(Level a, Level b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
