package org.securitycam.logs;

import java.util.Locale;
import java.util.Set;

import org.securitycam.api.settings.InvalidSettingsException;

/**
 * What a client asks of a log: at most {@code limit} entries, newest first, of one level, containing a text
 * anywhere (ignoring case), from one source (exact, ignoring case). A filter left out or empty matches every
 * entry. The filters apply before the limit.
 */
record LogQuery(int limit, String level, String search, String source) {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 2000;
    static final Set<String> LEVELS = Set.of("DEBUG", "INFO", "WARNING", "ERROR");

    /** Reads the query parameters as given; a bad one is refused with a message naming it. */
    static LogQuery of(String limit, String level, String search, String source) {
        return new LogQuery(limit(limit), level(level), blankToNull(search), blankToNull(source));
    }

    private static int limit(String given) {
        if (given == null) {
            return DEFAULT_LIMIT;
        }
        String digits = given.startsWith("+") ? given.substring(1) : given;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidSettingsException("limit must be a whole number of at least 1, not " + quote(given));
        }
        digits = digits.replaceFirst("^0+(?=.)", "");
        // A number too long for an int is simply more than the cap.
        int value = digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        if (value < 1) {
            throw new InvalidSettingsException("limit must be at least 1, not " + given);
        }
        return Math.min(value, MAX_LIMIT);
    }

    private static String level(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String level = given.trim().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new InvalidSettingsException("level must be DEBUG, INFO, WARNING or ERROR, not " + quote(given));
        }
        return level;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String quote(String s) {
        return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
    }

    /** Whether the whole text of an entry, its first line and the lines after it, passes the search. */
    boolean matchesText(String text) {
        return search == null || containsIgnoreCase(text, search);
    }

    /** Whether a parsed entry passes the level and source filters. */
    boolean matches(LogEntry entry) {
        return (level == null || level.equalsIgnoreCase(entry.level()))
                && (source == null || source.equalsIgnoreCase(entry.source()));
    }

    /** Like {@code text.toLowerCase().contains(needle.toLowerCase())}, without copying the text. */
    static boolean containsIgnoreCase(String text, String needle) {
        int n = needle.length();
        char lower = Character.toLowerCase(needle.charAt(0));
        char upper = Character.toUpperCase(needle.charAt(0));
        for (int i = 0, last = text.length() - n; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == lower || c == upper || c > 127) && text.regionMatches(true, i, needle, 0, n)) {
                return true;
            }
        }
        return false;
    }
}
