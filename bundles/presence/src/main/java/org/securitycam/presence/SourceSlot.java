package org.securitycam.presence;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.securitycam.api.presence.NoAdapterException;
import org.securitycam.api.presence.PresenceException;
import org.securitycam.api.presence.PresenceSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One presence source and the thread it is called on. Each call is waited for only so long; a call that does not
 * answer in time is interrupted and given up on, and the source is asked nothing more until it returns, so a hung
 * source costs one poll its time limit once and later polls nothing. Failures are logged once per streak. Polled
 * by one thread at a time.
 */
final class SourceSlot {
    private static final Logger LOG = LoggerFactory.getLogger(SourceSlot.class);

    /** What one poll of the source found. {@code problem} says why it could not tell, or is null. */
    record Answer(String transport, int missesBeforeGone, Set<String> seen, List<String> nearby, boolean active,
            String problem) {
    }

    private final PresenceSource source;
    private final String transport;
    private final int missesBeforeGone;
    private final String bundle;
    private final long timeoutMillis;
    private final ExecutorService worker;
    /** True while a call runs on the worker, including one given up on. */
    private final AtomicBoolean busy = new AtomicBoolean();
    private String failing;
    private String noAdapter;

    SourceSlot(PresenceSource source, String transport, int missesBeforeGone, String bundle, long timeoutMillis) {
        this.source = source;
        this.transport = transport;
        this.missesBeforeGone = missesBeforeGone;
        this.bundle = bundle;
        this.timeoutMillis = timeoutMillis;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "presence-" + transport);
            t.setDaemon(true);
            return t;
        });
    }

    PresenceSource source() {
        return source;
    }

    String transport() {
        return transport;
    }

    /** Asks the source about each address; every call is bounded by the time limit. */
    Answer poll(List<String> addresses) {
        if (busy.get()) {
            return failed("has not returned from a call it was given up on");
        }
        try {
            List<String> nearby = List.copyOf(call(source::nearby));
            Set<String> seen = new LinkedHashSet<>();
            String failure = null;
            for (String address : addresses) {
                try {
                    if (Boolean.TRUE.equals(call(() -> source.present(address)))) {
                        seen.add(address);
                    }
                } catch (NoAdapterException e) {
                    throw e;
                } catch (PresenceException e) {
                    failure = failure == null ? address + ": " + e.getMessage() : failure;
                }
            }
            if (noAdapter != null) {
                LOG.info("Presence source {} of {} has its adapter again", transport, bundle);
                noAdapter = null;
            }
            if (failure != null) {
                warnOnce(failure);
            } else if (failing != null) {
                LOG.info("Presence source {} of {} answers again", transport, bundle);
                failing = null;
            }
            return new Answer(transport, missesBeforeGone, seen, nearby, true, failure);
        } catch (NoAdapterException e) {
            if (!e.getMessage().equals(noAdapter)) {
                LOG.warn("Presence source {} of {} is inactive: {}", transport, bundle, e.getMessage());
                noAdapter = e.getMessage();
            }
            return new Answer(transport, missesBeforeGone, Set.of(), List.of(), false, e.getMessage());
        } catch (PresenceException e) {
            return failed(e.getMessage());
        } catch (TimeoutException e) {
            return failed("did not answer within " + timeoutMillis + " ms");
        }
    }

    private Answer failed(String problem) {
        warnOnce(problem);
        return new Answer(transport, missesBeforeGone, Set.of(), List.of(), !busy.get(), problem);
    }

    private void warnOnce(String problem) {
        if (failing == null) {
            LOG.warn("Presence source {} of {} cannot tell: {}; its devices count as not present until it answers",
                    transport, bundle, problem);
        }
        failing = problem;
    }

    /** Runs one call on the source's thread and waits at most the time limit; a late one is interrupted. */
    private <T> T call(Callable<T> call) throws PresenceException, TimeoutException {
        busy.set(true);
        // Whoever sets it first decides: the call as it starts, or the poll giving up on it before it started.
        AtomicBoolean claimed = new AtomicBoolean();
        Future<T> f;
        try {
            f = worker.submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return null;
                }
                try {
                    return call.call();
                } finally {
                    busy.set(false);
                }
            });
        } catch (RejectedExecutionException stopping) {
            busy.set(false);
            throw new PresenceException("the device is stopping");
        }
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            giveUp(f, claimed);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveUp(f, claimed);
            throw new PresenceException("the poll was stopped");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PresenceException p) {
                throw p;
            }
            throw new PresenceException("failed: " + cause);
        }
    }

    private void giveUp(Future<?> f, AtomicBoolean claimed) {
        if (claimed.compareAndSet(false, true)) {
            busy.set(false); // it never started
        }
        f.cancel(true);
    }

    /** No more calls; a call still running is interrupted. */
    void close() {
        worker.shutdownNow();
    }
}
