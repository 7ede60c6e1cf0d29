package org.securitycam.timelapse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One child process from an argument list (never a shell), with its error output kept (the end of it) by a reader
 * of its own, killed at its deadline and always reaped. The deadline can be moved on while the caller holds the
 * process's input back, so that time spent waiting on purpose does not count.
 */
final class ChildProcess implements AutoCloseable {
    private static final int ERROR_TAIL = 8 * 1024;

    private final Process process;
    private final String name;
    private final Thread reader;
    private final StringBuilder errors = new StringBuilder();
    private final ScheduledExecutorService timers;
    private volatile long deadlineNanos;
    private volatile boolean timedOut;

    private ChildProcess(Process process, String name, Duration timeout, ScheduledExecutorService timers) {
        this.process = process;
        this.name = name;
        this.timers = timers;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.reader = new Thread(this::readErrors, "timelapse-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
        watch();
    }

    /** Kills the process at its deadline, even while a writer is blocked on its input. */
    private void watch() {
        if (!process.isAlive()) {
            return;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            timedOut = true;
            process.destroyForcibly();
            return;
        }
        try {
            timers.schedule(this::watch, left, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            process.destroyForcibly(); // the device is stopping
        }
    }

    /**
     * Starts the command with its output and error output merged into the kept errors.
     *
     * @throws IOException if the program cannot run
     */
    static ChildProcess start(List<String> command, Duration timeout, ScheduledExecutorService timers)
            throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String program = command.get(command.get(0).endsWith("nice") ? 3 : 0);
        return new ChildProcess(p, program.substring(program.lastIndexOf('/') + 1), timeout, timers);
    }

    OutputStream input() {
        return process.getOutputStream();
    }

    /** Moves the deadline on by the time the caller held the process back. */
    void extend(Duration held) {
        deadlineNanos += held.toNanos();
    }

    /**
     * Waits for the end, killing the process at its deadline.
     *
     * @return the exit code
     * @throws IOException naming the timeout if it was killed for it
     */
    int await() throws IOException, InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // it stopped reading: its exit code says why
        }
        process.waitFor();
        reader.join(TimeUnit.SECONDS.toMillis(5));
        if (timedOut) {
            throw new IOException(name + " timed out");
        }
        return process.exitValue();
    }

    /** Whether it was killed at its deadline. */
    boolean timedOut() {
        return timedOut;
    }

    /** The line of the error output that names the cause: the last one that says something. */
    String cause() {
        String all;
        synchronized (errors) {
            all = errors.toString().strip();
        }
        if (all.isEmpty()) {
            return "no details from " + name;
        }
        String[] lines = all.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.endsWith("--") && !line.equals("Conversion failed!")) {
                return line;
            }
        }
        return lines[lines.length - 1].strip();
    }

    private void readErrors() {
        byte[] buf = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            for (int n; (n = in.read(buf)) > 0;) {
                synchronized (errors) {
                    errors.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    if (errors.length() > ERROR_TAIL) {
                        errors.delete(0, errors.length() - ERROR_TAIL);
                    }
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    /** Kills the process if it still runs, and reaps it. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
