package org.securitycam.presence.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs a command-line tool as a child process: its arguments as a list, never through a shell; standard output and
 * error together, at most {@link #MAX_OUTPUT} bytes kept, with terminal colour codes and carriage returns removed.
 * A tool still running at its timeout is killed together with every process it started, and every child is reaped.
 * The calling thread does the waiting, so a run never starts a thread.
 */
public final class Tool {
    /** Output kept per run; the rest is read and dropped, so that a chatty tool never blocks on a full pipe. */
    public static final int MAX_OUTPUT = 64 * 1024;
    private static final Pattern TERMINAL_CODES = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]|\r");
    private static final long TICK_MS = 10;
    private static final long REAP_MS = 2_000;
    /** A partial line counts as a prompt once the tool has been quiet this long after it. */
    private static final long PROMPT_QUIET_MS = 100;

    private Tool() {
    }

    /** How a run ended: the exit code (-1 if killed at the timeout) and the output. */
    public record Result(int exit, String output, boolean timedOut) {
        /** Exited by itself with 0. */
        public boolean ok() {
            return !timedOut && exit == 0;
        }
    }

    /** Reads a watched tool's output as it comes. */
    @FunctionalInterface
    public interface Watcher {
        /**
         * One line of output, or a prompt that waits for an answer without ending its line.
         *
         * @param answer writes a line to the tool's input
         * @return true to stop the tool now (it is killed, and the result is not a timeout)
         */
        boolean line(String line, Consumer<String> answer);
    }

    /**
     * Runs a tool to its end or its timeout, with nothing on its input.
     *
     * @throws IOException if it cannot be started (not installed, not executable)
     */
    public static Result run(List<String> command, Duration timeout) throws IOException {
        return watch(command, timeout, null);
    }

    /**
     * Runs a tool and hands each line of its output to {@code watcher} (on the calling thread) as it arrives.
     *
     * @throws IOException if it cannot be started (not installed, not executable)
     */
    public static Result watch(List<String> command, Duration timeout, Watcher watcher) throws IOException {
        Process p = new ProcessBuilder(List.copyOf(command)).redirectErrorStream(true).start();
        OutputStream stdin = p.getOutputStream();
        if (watcher == null) {
            stdin.close();
        }
        Reader reader = new Reader(p.getInputStream(), watcher, line -> answer(stdin, line));
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean stopped = false;
        boolean timedOut = false;
        try {
            while (true) {
                if (reader.drain()) {
                    stopped = true;
                    break;
                }
                if (!p.isAlive()) {
                    reader.drain();
                    break;
                }
                if (System.nanoTime() - deadline >= 0) {
                    timedOut = true;
                    break;
                }
                p.waitFor(TICK_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timedOut = true;
        } finally {
            if (p.isAlive()) {
                kill(p);
            }
            closeQuietly(stdin);
            closeQuietly(p.getInputStream());
        }
        reader.flush();
        int exit = timedOut || stopped ? -1 : p.exitValue();
        return new Result(exit, reader.text(), timedOut);
    }

    /** The children first, while they can still be found, then the tool; waits a bounded time to reap it. */
    private static void kill(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(REAP_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(OutputStream stdin, String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            // the tool closed its input or ended: the answer is moot
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // nothing to do: the process is gone
        }
    }

    /** ": " and the first line of a tool's output, short and printable, for a message; empty if it printed nothing. */
    public static String firstLine(String output) {
        String line = output.strip().split("\n", 2)[0].replaceAll("[^\\p{Print}]", "?");
        return line.isEmpty() ? "" : ": " + (line.length() > 120 ? line.substring(0, 120) + "..." : line);
    }

    static String clean(String text) {
        return TERMINAL_CODES.matcher(text).replaceAll("");
    }

    /** Reads what is there without blocking, keeps the first MAX_OUTPUT bytes and cuts it into lines for a watcher. */
    private static final class Reader {
        private final InputStream in;
        private final Watcher watcher;
        private final Consumer<String> answer;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[4096];
        private boolean eof;
        private long lastRead = System.nanoTime();

        Reader(InputStream in, Watcher watcher, Consumer<String> answer) {
            this.in = in;
            this.watcher = watcher;
            this.answer = answer;
        }

        /** @return true if the watcher asked to stop */
        boolean drain() {
            try {
                while (!eof && in.available() > 0) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        eof = true;
                        break;
                    }
                    lastRead = System.nanoTime();
                    kept.write(buffer, 0, Math.min(n, Math.max(0, MAX_OUTPUT - kept.size())));
                    if (watcher != null && feed(n)) {
                        return true;
                    }
                }
                return watcher != null && prompt();
            } catch (IOException e) {
                eof = true;
                return false;
            }
        }

        private boolean feed(int n) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    String l = clean(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                    if (watcher.line(l, answer)) {
                        return true;
                    }
                } else if (line.size() < MAX_OUTPUT) {
                    line.write(b);
                }
            }
            return false;
        }

        /**
         * A partial line that ends in ":" and after which the tool went quiet waits for input: it goes to the
         * watcher, and what follows is a new line.
         */
        private boolean prompt() {
            if (line.size() == 0 || System.nanoTime() - lastRead < PROMPT_QUIET_MS * 1_000_000) {
                return false;
            }
            String partial = clean(line.toString(StandardCharsets.UTF_8));
            if (!partial.endsWith(": ") && !partial.endsWith(":")) {
                return false;
            }
            line.reset();
            return watcher.line(partial, answer);
        }

        void flush() {
            if (watcher != null && line.size() > 0) {
                watcher.line(clean(line.toString(StandardCharsets.UTF_8)), l -> {
                });
            }
            line.reset();
        }

        String text() {
            return clean(kept.toString(StandardCharsets.UTF_8));
        }
    }
}
