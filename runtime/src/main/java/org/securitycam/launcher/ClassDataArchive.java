package org.securitycam.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import javax.management.JMException;
import javax.management.ObjectName;

import org.slf4j.Logger;

/**
 * Writes the JVM's class-data archive (CDS) once the device has been up for a while, when the start script
 * asks for one (it then runs the JVM with {@code -XX:+RecordDynamicDumpInfo}). Later starts map the classes
 * from that archive instead of parsing and verifying them again. The archive appears under its final name only
 * once complete and on disk: the JVM crashes on a truncated archive, and a power cut may come at any moment.
 */
final class ClassDataArchive {
    /** Where the archive goes; set by the start script only when there is none yet. */
    static final String PATH_PROPERTY = "securitycam.classArchive";
    /** Seconds after start to write it, so the classes of the first requests are in it too. */
    static final String DELAY_PROPERTY = "securitycam.classArchive.delay";

    private ClassDataArchive() {
    }

    /** Schedules the archive if the start script asked for one; returns at once. */
    static void writeLaterIfWanted(Logger log) {
        String target = System.getProperty(PATH_PROPERTY);
        if (target == null || target.isBlank()) {
            return;
        }
        Duration delay = Duration.ofSeconds(Long.getLong(DELAY_PROPERTY, 20));
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                write(Path.of(target), log);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "class-data-archive");
        t.setDaemon(true);
        t.start();
    }

    private static void write(Path target, Logger log) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        long start = System.nanoTime();
        try {
            Files.deleteIfExists(partial);
            Object output = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmCds",
                    new Object[] { new String[] { "dynamic_dump", partial.toString() } },
                    new String[] { String[].class.getName() });
            if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
                log.warn("No class-data archive was written; starts stay slower: {}", String.valueOf(output).trim());
                return;
            }
            try (FileChannel file = FileChannel.open(partial, StandardOpenOption.READ)) {
                file.force(true);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
            log.info("Wrote the class-data archive {} ({} MB) in {} ms; later starts map their classes from it",
                    target, Files.size(target) >> 20, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | JMException | RuntimeException e) {
            log.warn("Could not write the class-data archive {}; starts stay slower: {}", target, e.toString());
        }
    }
}
