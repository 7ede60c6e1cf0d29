package org.securitycam.system;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Time stamps as the API shows them: ISO 8601 to the second, with the device's UTC offset. */
final class Times {
    private Times() {
    }

    static String iso(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** The instant of an {@link #iso} stamp; null if it is not one. */
    static Instant parse(Object text) {
        if (!(text instanceof String s)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
