package org.securitycam.system;

import jakarta.ws.rs.BadRequestException;

/** The {@code hours} of a history route: a number of at least 1, capped at the route's maximum. */
final class Hours {
    private Hours() {
    }

    /**
     * @param text the query parameter, or null for {@code fallback}
     * @throws BadRequestException (a 400 naming the rule) if it is not a number, or below 1
     */
    static double of(String text, double fallback, double max) {
        if (text == null || text.isBlank()) {
            return Math.min(fallback, max);
        }
        double hours;
        try {
            hours = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException("hours must be a number");
        }
        if (Double.isNaN(hours) || hours < 1) {
            throw new BadRequestException("hours must be at least 1");
        }
        return Math.min(hours, max);
    }
}
