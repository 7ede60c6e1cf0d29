package org.securitycam.web;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads one request's whole body into memory without holding a thread while it trickles in: Jetty calls back when
 * bytes arrive, and a timer checks the pace. The body is refused if it is longer than the limit (413, once the
 * rest of it has come, up to {@link #DISCARD} more bytes), arrives slower than {@link #MIN_RATE} after a short
 * grace (408), takes longer than {@link #DEADLINE_MS} altogether (408), or would take the bodies held by every
 * request past a shared budget (503). Exactly one of the outcomes is reported, once.
 */
final class BodyReader implements Runnable {
    /** Bytes per second a body must keep up once {@link #GRACE_MS} have passed. */
    static final long MIN_RATE = 1024;
    static final long GRACE_MS = 2_000;
    static final long DEADLINE_MS = 15_000;
    /**
     * How much of a body past the limit is read and dropped before the 413: a client that is still sending when
     * the connection closes may never see the answer.
     */
    static final long DISCARD = 1024 * 1024;
    private static final long TICK_MS = 250;
    /** How long a body found too slow may still take to show whether its client is sending at all. */
    private static final long STALLED_MS = 1_500;

    /** What became of the body. */
    interface Outcome {
        void body(ByteBuffer body);

        void refused(int status, String message);

        /** The client went away or the connection failed; there is nobody to answer. */
        void failed(Throwable cause);
    }

    private final Request request;
    private final int limit;
    private final AtomicLong budget;
    private final Outcome outcome;
    private final AtomicBoolean done = new AtomicBoolean();
    private final long start = NanoTime.now();
    private volatile long received;
    private long discarded;
    /** Why the body is refused, once the timer found it too slow. */
    private volatile String verdict;
    private byte[] bytes;
    private Scheduler.Task tick;

    /**
     * @param budget bytes that bodies may still take, shared by every request; what this body took is given back
     *        when the request completes
     */
    BodyReader(Request request, int limit, AtomicLong budget, Outcome outcome) {
        this.request = request;
        this.limit = limit;
        this.budget = budget;
        this.outcome = outcome;
        long declared = request.getLength();
        this.bytes = new byte[declared > 0 && declared <= limit ? (int) declared : 8 * 1024];
        Request.addCompletionListener(request, failure -> budget.addAndGet(received));
    }

    void start() {
        schedule(TICK_MS);
        run();
    }

    /** Reads what has arrived, and asks to be called again when there is more. */
    @Override
    public void run() {
        while (!done.get()) {
            String late = verdict;
            if (late != null) {
                refuse(408, late);
                return;
            }
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable cause = chunk.getFailure();
                if (cause instanceof TimeoutException) {
                    refuse(408, "The request body did not arrive in time");
                } else if (done.compareAndSet(false, true)) {
                    cancelTick();
                    outcome.failed(cause);
                }
                return;
            }
            boolean last = chunk.isLast();
            boolean kept = keep(chunk.getByteBuffer());
            chunk.release();
            if (!kept) {
                return;
            }
            if (last && discarded > 0) {
                refuse(413, tooLarge(limit));
                return;
            }
            if (last && done.compareAndSet(false, true)) {
                cancelTick();
                outcome.body(ByteBuffer.wrap(bytes, 0, (int) received));
                return;
            }
        }
    }

    private boolean keep(ByteBuffer buffer) {
        int n = buffer.remaining();
        if (n == 0) {
            return true;
        }
        if (discarded > 0 || received + n > limit) {
            discarded += n;
            buffer.position(buffer.limit());
            if (discarded > DISCARD) {
                refuse(413, tooLarge(limit));
                return false;
            }
            return true;
        }
        if (budget.addAndGet(-n) < 0) {
            budget.addAndGet(n);
            refuse(503, "The device is busy receiving other requests; try again");
            return false;
        }
        if (received + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(bytes.length * 2L, received + n)));
        }
        buffer.get(bytes, (int) received, n);
        received += n;
        return true;
    }

    /**
     * The timer's check. A body found too slow is refused when its next bytes arrive, from Jetty's callback: an
     * answer written from here while Jetty delivers content to the same request races inside Jetty. Only a client
     * that has stopped sending is answered from here, a moment later.
     */
    static String tooLarge(int limit) {
        return "Request body is larger than " + limit / 1024 + " KiB";
    }

    private void check() {
        if (done.get()) {
            return;
        }
        String late = verdict;
        if (late != null) {
            refuse(408, late);
            return;
        }
        long elapsed = NanoTime.millisSince(start);
        if (elapsed >= DEADLINE_MS) {
            verdict = "The request body did not arrive within " + DEADLINE_MS / 1000 + " s";
        } else if (elapsed >= GRACE_MS && received < MIN_RATE * elapsed / 1000) {
            verdict = "The request body arrived slower than " + MIN_RATE + " bytes per second";
        }
        schedule(verdict == null ? TICK_MS : STALLED_MS);
    }

    private void refuse(int status, String message) {
        if (done.compareAndSet(false, true)) {
            cancelTick();
            outcome.refused(status, message);
        }
    }

    private synchronized void schedule(long delayMs) {
        tick = request.getComponents().getScheduler().schedule(this::check, delayMs, TimeUnit.MILLISECONDS);
    }

    private synchronized void cancelTick() {
        if (tick != null) {
            tick.cancel();
        }
    }
}
