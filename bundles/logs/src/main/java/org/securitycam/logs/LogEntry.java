package org.securitycam.logs;

/** One entry of a log as the routes return it; {@code ts} is {@code YYYY-MM-DD HH:MM:SS} in every log. */
record LogEntry(String ts, String level, String source, String message) {
}
