package org.securitycam.sensor.support;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.securitycam.api.gpio.DigitalInput;
import org.securitycam.api.gpio.GpioException;
import org.securitycam.api.gpio.GpioService;
import org.securitycam.api.gpio.Pull;
import org.securitycam.api.sensor.SensorConfig;
import org.securitycam.api.sensor.SensorException;
import org.securitycam.api.sensor.SensorListener;
import org.securitycam.api.sensor.SensorSession;

/**
 * One sensor watching one pin: opens the configured pin with the driver's pull and the configured
 * {@code debounce_ms}, turns levels into active/inactive (the driver's active level, swapped by
 * {@code invert_logic}), and owns one timer thread for drivers that need delays. Closing it releases the pin,
 * cancels every timer and ends the thread; the listener is never called after close returned.
 */
public final class DigitalSession implements SensorSession {
    private final ScheduledExecutorService timer;
    private final boolean activeHigh;
    private final ActiveListener listener;
    private volatile DigitalInput input;
    private volatile boolean closed;

    private DigitalSession(String name, boolean activeHigh, ActiveListener listener) {
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
        this.timer = Executors.newSingleThreadScheduledExecutor(threads);
        this.activeHigh = activeHigh;
        this.listener = listener;
    }

    /**
     * Opens the session. Edges reach the listener on the session's timer thread, serialised with its timers.
     *
     * @param gpio the board, or null where the host has none
     * @param activeHigh true if the module drives the pin high when its condition holds (before invert logic)
     */
    public static DigitalSession open(GpioService gpio, SensorConfig config, Pull pull, boolean activeHigh,
            ActiveListener listener) throws SensorException {
        if (gpio == null) {
            throw new SensorException("GPIO is not available on this host");
        }
        if (config.gpio() == null) {
            throw new SensorException("No GPIO pin is configured for " + config.type());
        }
        DigitalSession s = new DigitalSession(config.type() + "-gpio" + config.gpio(),
                activeHigh != config.invertLogic(), listener);
        try {
            s.input = gpio.openInput(config.gpio(), pull, (int) config.calibration("debounce_ms", 0), s::edge);
        } catch (GpioException e) {
            s.close();
            throw new SensorException(e.getMessage(), e);
        }
        return s;
    }

    /** A listener for sensors whose state is the line's: triggered while active, released when not. */
    public static ActiveListener follow(SensorListener listener) {
        return active -> {
            if (active) {
                listener.triggered();
            } else {
                listener.released();
            }
        };
    }

    /** Whether the condition holds now, read from the line. */
    public boolean active() {
        DigitalInput in = input;
        return in != null && in.high() == activeHigh;
    }

    /** Runs a task on the session's thread after a delay, unless the session closed first. */
    public ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return timer.schedule(() -> {
            if (!closed) {
                task.run();
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void edge(boolean high) {
        if (closed) {
            return;
        }
        boolean active = high == activeHigh;
        try {
            timer.execute(() -> {
                if (!closed) {
                    listener.onActive(active);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    @Override
    public void close() {
        closed = true;
        DigitalInput in = input;
        if (in != null) {
            in.close();
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
