package org.securitycam.core;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Calls into driver code, each on a thread of its own pool and waited for only so long. A call that does not
 * answer in time is given up on: its thread is left to finish (a driver cannot be stopped from outside), and
 * what it returns later goes to a late handler instead of the caller, so a session that opens too late is still
 * closed. The pool's threads are daemons and end after a few idle seconds.
 */
final class DriverCalls {
    /** How a call ended: with a value, with what it threw, or not within the time. */
    record Outcome<T>(T value, Throwable failure, boolean timedOut) {
        boolean ok() {
            return failure == null && !timedOut;
        }
    }

    private final ThreadPoolExecutor pool;

    DriverCalls(String threadName) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, threadName + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code call} and waits at most {@code timeoutMillis} for it.
     *
     * @param late gets the value of a call that answered after the caller gave up on it; it runs on the call's thread
     */
    <T> Outcome<T> call(Callable<T> call, long timeoutMillis, Consumer<? super T> late) {
        // Whoever sets it first owns the result: the call when it answers in time, the caller when it gives up.
        AtomicBoolean claimed = new AtomicBoolean();
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                T value;
                try {
                    value = call.call();
                } catch (Throwable t) {
                    if (claimed.compareAndSet(false, true)) {
                        result.completeExceptionally(t);
                    }
                    return;
                }
                if (claimed.compareAndSet(false, true)) {
                    result.complete(value);
                } else {
                    late.accept(value);
                }
            });
        } catch (RejectedExecutionException stopping) {
            return new Outcome<>(null, stopping, false);
        }
        try {
            return new Outcome<>(result.get(timeoutMillis, TimeUnit.MILLISECONDS), null, false);
        } catch (TimeoutException e) {
            if (claimed.compareAndSet(false, true)) {
                return new Outcome<>(null, null, true);
            }
            return settled(result); // it answered just now
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return claimed.compareAndSet(false, true) ? new Outcome<>(null, null, true) : settled(result);
        }
    }

    private static <T> Outcome<T> settled(CompletableFuture<T> result) {
        try {
            return new Outcome<>(result.join(), null, false);
        } catch (RuntimeException e) {
            return new Outcome<>(null, e.getCause() != null ? e.getCause() : e, false);
        }
    }

    /** No new calls; idle threads end, and a thread still stuck in a driver ends when the driver lets it. */
    void shutdown() {
        pool.shutdown();
    }
}
