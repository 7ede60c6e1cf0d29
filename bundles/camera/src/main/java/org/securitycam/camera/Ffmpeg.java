package org.securitycam.camera;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.securitycam.api.camera.CameraException;

/**
 * Runs ffmpeg and ffprobe as child processes from argument lists (never a shell). A short process runs on the
 * caller's thread, which also reads its output, so no thread is spent per process; a shared timer kills it at its
 * timeout, and it is always reaped. A long-running one (a recording) writes its error output to a small file
 * instead, read once it has ended.
 */
final class Ffmpeg {
    /** The most of a process's standard output that is kept: far above any JPEG the camera makes. */
    static final int MAX_OUTPUT = 32 * 1024 * 1024;
    /** How much of the end of the error output is kept: ffmpeg says what went wrong last. */
    private static final int ERROR_TAIL = 8 * 1024;
    /** ffmpeg's exit code after it stopped cleanly on SIGTERM or SIGINT. */
    static final int SIGNALLED_EXIT = 255;
    private static final List<String> WRITE_FAILURES = List.of("no space left on device", "read-only file system",
            "disk quota exceeded", "permission denied", "input/output error");

    /** What a finished process said: its exit code, its standard output if asked for, and its error output. */
    record Result(int exit, byte[] output, String errors) {
        boolean ok() {
            return exit == 0;
        }

        /** The line of the error output that names the cause. */
        String cause() {
            return Ffmpeg.cause(errors);
        }
    }

    /** A process ran past its timeout and was killed. */
    static final class TimedOut extends CameraException {
        private static final long serialVersionUID = 1L;

        TimedOut(String program, Duration timeout) {
            super(program + " timed out after " + Math.max(1, Math.round(timeout.toMillis() / 1000.0)) + " s");
        }
    }

    private final ScheduledExecutorService timers;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param timers kills processes at their timeouts */
    Ffmpeg(ScheduledExecutorService timers) {
        this.timers = timers;
    }

    /**
     * Runs a command to its end, at most {@code timeout}.
     *
     * @param keepOutput whether its standard output is the result (a frame, a duration) or is thrown away
     * @throws CameraException if the program cannot run, or timed out (it was killed)
     */
    Result run(List<String> command, Duration timeout, boolean keepOutput) throws CameraException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (keepOutput) {
            pb.redirectError(ProcessBuilder.Redirect.PIPE);
        } else {
            pb.redirectErrorStream(true);
        }
        if (closed) {
            throw new CameraException("The camera is stopping");
        }
        Process p = launch(pb, command);
        running.add(p);
        // Checked again once it is listed, so that a close() meanwhile cannot miss it.
        if (closed) {
            p.destroyForcibly();
            running.remove(p);
            throw new CameraException("The camera is stopping");
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> kill;
        try {
            kill = timers.schedule(() -> {
                timedOut.set(true);
                p.destroyForcibly();
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            p.destroyForcibly();
            running.remove(p);
            throw new CameraException("The camera is stopping");
        }
        try {
            p.getOutputStream().close();
            byte[] output = keepOutput ? readBounded(p.getInputStream(), MAX_OUTPUT, p) : new byte[0];
            // With stdout kept, stderr is read after it: ffmpeg says little at -loglevel error, and should it say
            // more than a pipe holds, the timeout still ends it.
            String errors = tail(keepOutput ? p.getErrorStream() : p.getInputStream());
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            if (timedOut.get()) {
                throw new TimedOut(name(command), timeout);
            }
            return new Result(p.isAlive() ? -1 : p.exitValue(), output, errors);
        } catch (IOException e) {
            p.destroyForcibly();
            if (timedOut.get()) {
                throw new TimedOut(name(command), timeout);
            }
            throw new CameraException(name(command) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CameraException(name(command) + " was interrupted");
        } finally {
            kill.cancel(false);
            running.remove(p);
            closeStreams(p);
        }
    }

    private static void closeStreams(Process p) {
        for (Closeable c : List.of(p.getInputStream(), p.getErrorStream(), p.getOutputStream())) {
            try {
                c.close();
            } catch (IOException ignored) {
                // the process is gone; nothing is left to read
            }
        }
    }

    /**
     * Starts a long-running ffmpeg that listens for {@code q} on its standard input, with its error output going to
     * {@code errorLog} (or nowhere if null). Whoever starts it watches it through {@link Process#onExit()}.
     */
    Process startLong(List<String> command, Path errorLog) throws CameraException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errorLog == null ? ProcessBuilder.Redirect.DISCARD
                        : ProcessBuilder.Redirect.to(errorLog.toFile()));
        return launch(pb, command);
    }

    /** Kills every short process still running, when the camera must stop now. */
    void killAll() {
        running.forEach(Process::destroyForcibly);
    }

    /** Kills every short process, and refuses to start any more. */
    void close() {
        closed = true;
        killAll();
    }

    /** The end of a long-running process's error output, and the file removed. */
    static String readAndRemove(Path errorLog) {
        if (errorLog == null) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(errorLog.toFile(), "r")) {
            long start = Math.max(0, f.length() - ERROR_TAIL);
            byte[] buf = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(buf);
            return new String(buf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } finally {
            try {
                Files.deleteIfExists(errorLog);
            } catch (IOException ignored) {
                // the next recording's log replaces it
            }
        }
    }

    /**
     * The line of ffmpeg's error output that names the cause: the last one that says something, since ffmpeg ends
     * with generic lines ("Conversion failed!", "Error initializing output stream 0:0 --").
     */
    static String cause(String errors) {
        if (errors == null || errors.isBlank()) {
            return "no details from ffmpeg";
        }
        String[] lines = errors.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.endsWith("--") && !line.equals("Conversion failed!")
                    && !line.startsWith("Exiting normally")) {
                return line;
            }
        }
        return lines[lines.length - 1].strip();
    }

    /** Whether a cause says the output could not be written, rather than that the camera failed. */
    static boolean writeFailure(String cause) {
        String c = cause.toLowerCase(Locale.ROOT);
        return WRITE_FAILURES.stream().anyMatch(c::contains);
    }

    /** The line that says ffmpeg could not draw text (no drawtext filter in this build, or no font), or null. */
    static String drawTextProblem(String errors) {
        if (errors != null) {
            for (String line : errors.split("\\R")) {
                String l = line.toLowerCase(Locale.ROOT);
                if (l.contains("drawtext") || l.contains("font")) {
                    return line.strip();
                }
            }
        }
        return null;
    }

    private static Process launch(ProcessBuilder pb, List<String> command) throws CameraException {
        try {
            return pb.start();
        } catch (IOException e) {
            throw new CameraException(name(command) + " is not installed or cannot run (" + e.getMessage() + ")");
        }
    }

    private static byte[] readBounded(InputStream in, int max, Process p) throws IOException {
        byte[] out = in.readNBytes(max);
        if (in.read() >= 0) {
            p.destroyForcibly();
            throw new IOException("more than " + max + " bytes of output");
        }
        return out;
    }

    private static String tail(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        byte[] kept = new byte[ERROR_TAIL];
        int length = 0;
        for (int n; (n = in.read(buf)) > 0;) {
            if (length + n > kept.length) {
                int drop = length + n - kept.length;
                System.arraycopy(kept, drop, kept, 0, length - drop);
                length -= drop;
            }
            System.arraycopy(buf, 0, kept, length, n);
            length += n;
        }
        return new String(kept, 0, length, StandardCharsets.UTF_8);
    }

    private static String name(List<String> command) {
        return Path.of(command.get(0)).getFileName().toString();
    }
}
