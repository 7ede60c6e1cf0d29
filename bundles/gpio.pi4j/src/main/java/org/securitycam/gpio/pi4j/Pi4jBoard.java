package org.securitycam.gpio.pi4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.securitycam.api.gpio.DigitalInput;
import org.securitycam.api.gpio.EdgeListener;
import org.securitycam.api.gpio.GpioException;
import org.securitycam.api.gpio.GpioService;
import org.securitycam.api.gpio.Pull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInputConfigBuilder;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;

/**
 * The GPIO service on one pi4j context and one digital-input provider. Each pin is opened once: further
 * inputs on it and raw reads share that line, so a wiring test never disturbs the running sensor.
 */
final class Pi4jBoard implements GpioService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pi4jBoard.class);

    private final Context pi4j;
    private final String provider;
    private final Map<Integer, Line> lines = new HashMap<>();

    Pi4jBoard(Context pi4j, String provider) {
        this.pi4j = pi4j;
        this.provider = provider;
    }

    @Override
    public synchronized DigitalInput openInput(int pin, Pull pull, int debounceMs, EdgeListener listener)
            throws GpioException {
        Line line = lines.get(pin);
        if (line == null) {
            line = new Line(pin, create(pin, pull, debounceMs));
            lines.put(pin, line);
        }
        return line.attach(listener);
    }

    @Override
    public synchronized boolean read(int pin) throws GpioException {
        Line line = lines.get(pin);
        if (line != null) {
            return line.input.state() == DigitalState.HIGH;
        }
        com.pi4j.io.gpio.digital.DigitalInput probe = create(pin, Pull.NONE, 0);
        try {
            return probe.state() == DigitalState.HIGH;
        } finally {
            shutdown(probe);
        }
    }

    @Override
    public synchronized void close() {
        for (Line line : List.copyOf(lines.values())) {
            shutdown(line.input);
        }
        lines.clear();
    }

    private com.pi4j.io.gpio.digital.DigitalInput create(int pin, Pull pull, int debounceMs) throws GpioException {
        if (pin < MIN_PIN || pin > MAX_PIN) {
            throw new GpioException("GPIO " + pin + " does not exist: BCM pins are " + MIN_PIN + "-" + MAX_PIN);
        }
        DigitalInputConfigBuilder config = com.pi4j.io.gpio.digital.DigitalInput.newConfigBuilder(pi4j)
                .id("securitycam-gpio" + pin).name("GPIO " + pin).address(pin).provider(provider)
                .pull(switch (pull) {
                    case UP -> PullResistance.PULL_UP;
                    case DOWN -> PullResistance.PULL_DOWN;
                    case NONE -> PullResistance.OFF;
                })
                .debounce((long) debounceMs * 1000);
        try {
            return pi4j.create(config.build());
        } catch (RuntimeException e) {
            throw new GpioException("GPIO " + pin + " could not be opened (is another program using it?): "
                    + e.getMessage(), e);
        }
    }

    private void shutdown(com.pi4j.io.gpio.digital.DigitalInput input) {
        try {
            pi4j.shutdown(input.id());
        } catch (RuntimeException e) {
            LOG.warn("Closing {} failed: {}", input.id(), e.getMessage());
        }
    }

    /** One opened pin and the inputs attached to it; the pin is released when the last one closes. */
    private final class Line {
        private final int pin;
        private final com.pi4j.io.gpio.digital.DigitalInput input;
        private final List<Attached> attached = new CopyOnWriteArrayList<>();
        private final DigitalStateChangeListener fanOut;

        Line(int pin, com.pi4j.io.gpio.digital.DigitalInput input) {
            this.pin = pin;
            this.input = input;
            this.fanOut = event -> {
                boolean high = event.state() == DigitalState.HIGH;
                for (Attached a : attached) {
                    a.deliver(high);
                }
            };
            input.addListener(fanOut);
        }

        DigitalInput attach(EdgeListener listener) {
            Attached a = new Attached(this, listener);
            attached.add(a);
            return a;
        }

        void detach(Attached a) {
            synchronized (Pi4jBoard.this) {
                attached.remove(a);
                if (attached.isEmpty() && lines.remove(pin, this)) {
                    input.removeListener(fanOut);
                    shutdown(input);
                }
            }
        }
    }

    private static final class Attached implements DigitalInput {
        private final Line line;
        private final EdgeListener listener;
        private volatile boolean closed;

        Attached(Line line, EdgeListener listener) {
            this.line = line;
            this.listener = listener;
        }

        void deliver(boolean high) {
            if (closed) {
                return;
            }
            try {
                listener.onEdge(high);
            } catch (RuntimeException e) {
                LOG.warn("An edge listener on GPIO {} failed", line.pin, e);
            }
        }

        @Override
        public int pin() {
            return line.pin;
        }

        @Override
        public boolean high() {
            return line.input.state() == DigitalState.HIGH;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                line.detach(this);
            }
        }
    }
}
