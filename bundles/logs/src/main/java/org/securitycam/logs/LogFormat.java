package org.securitycam.logs;

import java.util.Map;

/**
 * How a log writes the first line of an entry. A line that does not start an entry (a stack trace, the rest of a
 * message with line breaks) belongs to the entry above it.
 */
enum LogFormat {
    /** The device's own log: {@code YYYY-MM-DD HH:MM:SS [LEVEL] source: message}. */
    DEVICE {
        @Override
        boolean startsEntry(String line) {
            if (!timestampAt(line, '-') || line.length() < 24 || line.charAt(19) != ' ' || line.charAt(20) != '[') {
                return false;
            }
            int close = line.indexOf(']', 21);
            return close > 21 && upperCase(line, 21, close) && close + 1 < line.length()
                    && line.charAt(close + 1) == ' ';
        }

        @Override
        LogEntry parse(String first, String rest) {
            int close = first.indexOf(']', 21);
            String level = first.substring(21, close);
            String after = first.substring(close + 2);
            int colon = after.indexOf(": ");
            String source;
            String message;
            if (colon >= 0) {
                source = after.substring(0, colon);
                message = after.substring(colon + 2);
            } else if (after.endsWith(":")) {
                source = after.substring(0, after.length() - 1);
                message = "";
            } else {
                source = "";
                message = after;
            }
            return new LogEntry(first.substring(0, 19), level, source, join(message, rest));
        }
    },

    /** MediaMTX: {@code YYYY/MM/DD HH:MM:SS LVL [SOURCE] message}, the source being optional. */
    MEDIAMTX {
        private static final Map<String, String> LEVELS = Map.of("DBG", "DEBUG", "INF", "INFO", "WAR", "WARNING",
                "ERR", "ERROR");

        @Override
        boolean startsEntry(String line) {
            return timestampAt(line, '/') && line.length() >= 23 && line.charAt(19) == ' '
                    && upperCase(line, 20, 23) && (line.length() == 23 || line.charAt(23) == ' ');
        }

        @Override
        LogEntry parse(String first, String rest) {
            String code = first.substring(20, 23);
            String after = first.length() > 24 ? first.substring(24) : "";
            String source = DEFAULT_SOURCE;
            int close = after.indexOf(']');
            if (after.startsWith("[") && close > 1) {
                source = after.substring(1, close);
                after = after.substring(close + 1).stripLeading();
            }
            String ts = first.substring(0, 19).replace('/', '-');
            return new LogEntry(ts, LEVELS.getOrDefault(code, code), source, join(after, rest));
        }
    };

    /** The source of a MediaMTX entry that names none. */
    static final String DEFAULT_SOURCE = "mediamtx";

    /** Whether this line starts an entry. */
    abstract boolean startsEntry(String line);

    /**
     * The entry whose first line is {@code first} (one that {@link #startsEntry} accepts) and whose following
     * lines, joined with line breaks, are {@code rest} (empty when there are none).
     */
    abstract LogEntry parse(String first, String rest);

    private static String join(String message, String rest) {
        return (rest.isEmpty() ? message : message + "\n" + rest).stripTrailing();
    }

    /** {@code YYYY?MM?DD HH:MM:SS} at the start, with this date separator. */
    private static boolean timestampAt(String s, char dateSeparator) {
        if (s.length() < 19) {
            return false;
        }
        for (int i = 0; i < 19; i++) {
            char c = s.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == dateSeparator;
                case 10 -> c == ' ';
                case 13, 16 -> c == ':';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean upperCase(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }
}
