package org.securitycam.itests.contractdriver;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.securitycam.api.sensor.SensorConfig;
import org.securitycam.api.sensor.SensorDriver;
import org.securitycam.api.sensor.SensorListener;
import org.securitycam.api.sensor.SensorSession;
import org.securitycam.api.sensor.SensorTypeInfo;

/**
 * A driver written as the SPI allows: it calls the listener while holding its session's lock, and its close takes
 * that lock. Its thread triggers, reports a fault and keeps the lock a while; after close it calls the listener once
 * more, which the contract forbids and the manager must ignore. What it saw goes into system properties, the one
 * channel the test shares with a bundle in the same JVM.
 */
@Component(service = SensorDriver.class)
public class LockingDriver implements SensorDriver {
    public static final String TYPE = "locking";
    public static final String FAULT = "The locking driver lost its wire";
    /** The longest listener call, in ms. */
    public static final String SLOWEST_CALL = "securitycam.itests.locking.slowestCallMs";
    /** "inside" if close ran within a listener call on the same thread, else "outside". */
    public static final String CLOSED = "securitycam.itests.locking.closed";
    /** "before" or "after": whether close came before or after this component was deactivated. */
    public static final String CLOSED_VS_DEACTIVATE = "securitycam.itests.locking.closedVsDeactivate";
    /** How long the last close took, in ms. */
    public static final String CLOSE_MS = "securitycam.itests.locking.closeMs";
    /** Set to anything to make the next session report no fault, so that it stays open. */
    public static final String QUIET = "securitycam.itests.locking.quiet";

    private volatile boolean deactivated;

    @Override
    public SensorTypeInfo info() {
        return SensorTypeInfo.builder(TYPE).name("Locking driver").build();
    }

    @Override
    public SensorSession open(SensorConfig config, SensorListener listener) {
        Session s = new Session(listener, System.getProperty(QUIET) == null);
        Thread t = new Thread(s::run, "locking-driver");
        t.setDaemon(true);
        t.start();
        return s;
    }

    @Deactivate
    void deactivate() {
        deactivated = true;
    }

    private final class Session implements SensorSession {
        private final Object lock = new Object();
        private final ThreadLocal<Boolean> inCall = ThreadLocal.withInitial(() -> false);
        private final SensorListener listener;
        private final boolean fault;
        private volatile boolean closed;

        Session(SensorListener listener, boolean fault) {
            this.listener = listener;
            this.fault = fault;
        }

        void run() {
            try {
                Thread.sleep(200);
                synchronized (lock) {
                    call(listener::triggered);
                    if (fault) {
                        call(() -> listener.fault(FAULT));
                    }
                    Thread.sleep(300); // the manager's close waits for the lock meanwhile
                }
                while (!closed) {
                    Thread.sleep(20);
                }
                listener.triggered(); // after close: forbidden, and ignored by the manager
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void call(Runnable r) {
            long t0 = System.nanoTime();
            inCall.set(true);
            try {
                r.run();
            } finally {
                inCall.set(false);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long before = Long.getLong(SLOWEST_CALL, 0);
            System.setProperty(SLOWEST_CALL, Long.toString(Math.max(before, ms)));
        }

        @Override
        public void close() {
            String where = inCall.get() ? "inside" : "outside";
            long t0 = System.nanoTime();
            synchronized (lock) {
                closed = true;
            }
            System.setProperty(CLOSE_MS, Long.toString((System.nanoTime() - t0) / 1_000_000));
            System.setProperty(CLOSED_VS_DEACTIVATE, deactivated ? "after" : "before");
            System.setProperty(CLOSED, where); // last: the test waits for this one
        }
    }
}
