package org.securitycam.gpio.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.securitycam.api.gpio.DigitalInput;
import org.securitycam.api.gpio.EdgeListener;
import org.securitycam.api.gpio.GpioException;
import org.securitycam.api.gpio.GpioService;
import org.securitycam.api.gpio.Pull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A board of 28 simulated pins. Edges are delivered on one event thread, after the input's debounce time,
 * and only if the level held that long: chatter shorter than the debounce is never seen.
 */
@Component(service = { GpioService.class, SimulatedBoard.class })
public class SimulatedGpio implements GpioService, SimulatedBoard {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedGpio.class);

    private final Map<Integer, Boolean> levels = new ConcurrentHashMap<>();
    private final Map<Integer, CopyOnWriteArrayList<Input>> inputs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gpio-sim");
        t.setDaemon(true);
        return t;
    });

    @Deactivate
    void deactivate() {
        events.shutdownNow();
    }

    @Override
    public DigitalInput openInput(int pin, Pull pull, int debounceMs, EdgeListener listener) throws GpioException {
        check(pin);
        if (debounceMs < 0) {
            throw new GpioException("Debounce must not be negative");
        }
        levels.putIfAbsent(pin, pull == Pull.UP);
        Input input = new Input(pin, debounceMs, listener);
        inputs.computeIfAbsent(pin, p -> new CopyOnWriteArrayList<>()).add(input);
        return input;
    }

    @Override
    public boolean read(int pin) throws GpioException {
        check(pin);
        return levels.getOrDefault(pin, false);
    }

    @Override
    public void drive(int pin, boolean high) {
        if (pin < MIN_PIN || pin > MAX_PIN) {
            throw new IllegalArgumentException("No such pin: " + pin);
        }
        levels.put(pin, high);
        for (Input input : inputs.getOrDefault(pin, new CopyOnWriteArrayList<>())) {
            input.changed();
        }
    }

    private static void check(int pin) throws GpioException {
        if (pin < MIN_PIN || pin > MAX_PIN) {
            throw new GpioException("GPIO " + pin + " does not exist: BCM pins are " + MIN_PIN + "-" + MAX_PIN);
        }
    }

    private final class Input implements DigitalInput {
        private final int pin;
        private final int debounceMs;
        private final EdgeListener listener;
        private volatile boolean reported;
        private volatile boolean closed;
        private volatile long lastChange;

        Input(int pin, int debounceMs, EdgeListener listener) {
            this.pin = pin;
            this.debounceMs = debounceMs;
            this.listener = listener;
            this.reported = levels.getOrDefault(pin, false);
        }

        void changed() {
            lastChange = System.nanoTime();
            events.schedule(this::settle, debounceMs, TimeUnit.MILLISECONDS);
        }

        /** Reports the level if it differs from the last one reported; a bounce that came back is not an edge. */
        private void settle() {
            if (System.nanoTime() - lastChange < TimeUnit.MILLISECONDS.toNanos(debounceMs)) {
                return; // the level moved again since; the later change's own settle decides
            }
            boolean now = high();
            if (closed || now == reported) {
                return;
            }
            reported = now;
            try {
                listener.onEdge(now);
            } catch (RuntimeException e) {
                LOG.warn("An edge listener on GPIO {} failed", pin, e);
            }
        }

        @Override
        public int pin() {
            return pin;
        }

        @Override
        public boolean high() {
            return levels.getOrDefault(pin, false);
        }

        @Override
        public void close() {
            closed = true;
            CopyOnWriteArrayList<Input> list = inputs.get(pin);
            if (list != null) {
                list.remove(this);
            }
        }
    }
}
