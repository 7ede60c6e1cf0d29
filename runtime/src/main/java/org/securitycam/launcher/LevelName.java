package org.securitycam.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Prints levels as the device log names them: DEBUG, INFO, WARNING, ERROR (logback says WARN and TRACE). */
public class LevelName extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        Level level = event.getLevel();
        if (level == Level.WARN) {
            return "WARNING";
        }
        return level == Level.TRACE ? "DEBUG" : level.toString();
    }
}
