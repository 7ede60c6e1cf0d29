package org.securitycam.launcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;

import org.securitycam.api.device.LogFiles;

/**
 * The device log, configured in code because parsing an XML configuration cost a third of a second of every
 * start: {@code api/security-cam.log} in the log folder the launcher names (system property
 * {@link LogFiles#FOLDER_PROPERTY}), rotated into {@code .1} to {@code .3} before it would pass 8 MiB, one line per
 * entry as {@code YYYY-MM-DD HH:MM:SS [LEVEL] source: message} (a stack trace follows on the lines after it), and
 * a shorter copy on the console.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public class LogConfigurator extends ContextAwareBase implements Configurator {
    /** The most a log file ever holds: 8 MiB, to the byte. */
    static final long LOG_BYTES = 8L * 1024 * 1024;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Map<String, Supplier<DynamicConverter<?>>> rules = new HashMap<>();
        rules.put("lvl", LevelName::new);
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        Path dir = Path.of(System.getProperty(LogFiles.FOLDER_PROPERTY, "logs"), LogFiles.DEVICE_FOLDER);

        SizeRollingAppender file = new SizeRollingAppender(LOG_BYTES);
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir.resolve(LogFiles.DEVICE_FILE).toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir.resolve(LogFiles.DEVICE_FILE + ".%i").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(LogFiles.DEVICE_ROTATED);
        rolling.start();
        file.setRollingPolicy(rolling);
        start(file, context, "%d{yyyy-MM-dd HH:mm:ss} [%lvl] %logger: %msg%n");

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        start(console, context, "%d{HH:mm:ss} %-7lvl %logger{20}: %msg%n");

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        root.addAppender(console);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        // Jersey warns at every start about providers it ignores by design in OSGi.
        context.getLogger("org.glassfish").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static void start(OutputStreamAppender<ILoggingEvent> appender, LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
    }
}
