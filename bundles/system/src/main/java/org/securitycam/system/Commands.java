package org.securitycam.system;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process from an argument list (never through a shell), with no input, and waits at most a timeout
 * for it. A process that overruns is killed with everything it started, and every process is reaped.
 */
final class Commands {
    /** What a command printed is kept up to this size; the rest is read and dropped. */
    static final int OUTPUT_LIMIT = 64 * 1024;
    private static final File NO_INPUT = new File("/dev/null");

    private Commands() {
    }

    /**
     * The command the configuration names, else the one from the device's environment (a framework property that
     * the launcher set, its words separated by white space), else an empty list.
     */
    static List<String> configuredOr(String[] configured, String fromEnvironment) {
        List<String> args = argumentList(configured);
        return args.isEmpty() && fromEnvironment != null ? argumentList(fromEnvironment.strip().split("\\s+")) : args;
    }

    /** A configured command: its non-blank words, or an empty list when none is configured. */
    static List<String> argumentList(String[] configured) {
        List<String> args = new ArrayList<>();
        if (configured != null) {
            for (String a : configured) {
                if (a != null && !a.isBlank()) {
                    args.add(a.strip());
                }
            }
        }
        return List.copyOf(args);
    }

    /** How a command ended: its exit status and what it printed, or that it overran its timeout and was killed. */
    record Result(int exit, String output, boolean timedOut) {
        boolean ok() {
            return !timedOut && exit == 0;
        }

        /** The first line of the output, or "" . */
        String firstLine() {
            String s = output.strip();
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl).strip();
        }
    }

    /**
     * @param withErrors whether standard error is part of the output; otherwise it is dropped
     * @throws IOException if the command cannot be started (not installed, not executable)
     */
    static Result run(List<String> args, Path dir, Map<String, String> env, Duration timeout, boolean withErrors)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(args).redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
        if (withErrors) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        Process process = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> drain(process.getInputStream(), out), "command-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for " + args.get(0), e);
        }
        if (!finished) {
            kill(process);
        }
        try {
            // A child the command left behind may hold the output open; it is not waited for long.
            reader.join(2_000);
            if (reader.isAlive()) {
                process.getInputStream().close();
                reader.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String text;
        synchronized (out) {
            text = out.toString(StandardCharsets.UTF_8);
        }
        return new Result(finished ? process.exitValue() : -1, text, !finished);
    }

    private static void drain(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                synchronized (out) {
                    int keep = Math.min(n, OUTPUT_LIMIT - out.size());
                    if (keep > 0) {
                        out.write(buf, 0, keep);
                    }
                }
            }
        } catch (IOException e) {
            // closed because the command overran or left a child behind: what was read is kept
        }
    }

    /** Kills the process and everything it started, and reaps it. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
