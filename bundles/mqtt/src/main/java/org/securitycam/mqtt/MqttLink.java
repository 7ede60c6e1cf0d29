package org.securitycam.mqtt;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLException;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to the broker, on a thread of its own that nothing else waits on: it connects with the current
 * settings, publishes the availability (with {@code offline} as the connection's will), subscribes to the commands,
 * then publishes what the {@link Outbox} holds. A failed or lost connection is retried with the {@link Backoff}; the
 * same error is logged once as a WARNING, not at every retry. A settings change ends the connection (with a clean
 * {@code offline}) and connects with the new values at once, even in the middle of a connect or a backoff. Every
 * wait on the broker has a timeout.
 */
final class MqttLink {
    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);

    /** How long a connect may take until CONNACK; a broker that accepts TCP and never answers costs this. */
    static final long CONNECT_TIMEOUT_MS = 10_000;
    /** How long a publish or subscribe may wait for the broker's acknowledgement before the link is dropped. */
    static final long ACK_TIMEOUT_MS = 10_000;
    /** How long a goodbye (removed configs, {@code offline}, disconnect) may take at a settings change or stop. */
    static final long GOODBYE_MS = 1_000;
    /** How often the publishing loop looks at the settings and the connection while nothing is to be sent. */
    private static final long POLL_MS = 100;
    private static final int QOS = 1;

    /** What the link needs from the device. */
    interface Device {
        /** The settings now; may throw when they cannot be read. */
        MqttSettings settings();

        /** The discovery configs for these settings. */
        List<Discovery.Config> discovery(MqttSettings settings);

        /** A message on a subscribed topic, on the client library's thread: hand it on, never wait. */
        void received(MqttSettings settings, String topic, byte[] payload);
    }

    private final Outbox outbox;
    private final Device device;
    private final Thread thread;
    private final Object changes = new Object();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile String lastError;
    private volatile MqttSettings current;

    MqttLink(Outbox outbox, Device device) {
        this.outbox = outbox;
        this.device = device;
        this.thread = new Thread(this::run, "mqtt-link");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Ends the connection cleanly ({@code offline} published, the will not used) and the thread, within 5 s. */
    void stop() throws InterruptedException {
        running = false;
        settingsChanged();
        thread.join(5_000);
    }

    /** The settings may have changed: the link reconnects with them within a poll. */
    void settingsChanged() {
        generation.incrementAndGet();
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    boolean connected() {
        return connected;
    }

    /** The settings the link works with, or null before it read them. */
    MqttSettings settings() {
        return current;
    }

    /** Why the last connection failed or ended, or null while connected (and before the first attempt). */
    String lastError() {
        return lastError;
    }

    long published() {
        return published.get();
    }

    private void run() {
        Backoff backoff = new Backoff();
        String logged = null;
        while (running) {
            long gen = generation.get();
            MqttSettings s;
            try {
                s = device.settings();
            } catch (RuntimeException e) {
                lastError = "The MQTT settings cannot be read: " + e.getMessage();
                pause(Backoff.MOST_MS, gen);
                continue;
            }
            current = s;
            if (!s.enabled()) {
                lastError = null;
                logged = null;
                pause(Long.MAX_VALUE, gen);
                continue;
            }
            Connection c = null;
            try {
                c = connect(s, gen);
                if (c == null) {
                    continue; // the settings changed while connecting
                }
                backoff.succeeded();
                lastError = null;
                logged = null;
                connected = true;
                LOG.info("MQTT: connected to {} as {}", s.broker(),
                        s.username().isEmpty() ? "an anonymous client" : s.username());
                serve(c, s, gen);
                goodbye(c, s);
            } catch (MqttException | IOException | GeneralSecurityException | RuntimeException e) {
                // A surprise from the client library is reported and retried too: the link never dies of it.
                String error = describe(e, s, c == null);
                lastError = error;
                long wait = backoff.failed();
                if (!error.equals(logged)) {
                    LOG.warn("MQTT: {}; trying again in {} s, then backing off up to {} s", error, wait / 1000,
                            Backoff.MOST_MS / 1000);
                    logged = error;
                } else {
                    LOG.debug("MQTT: {}; trying again in {} s", error, wait / 1000);
                }
                connected = false;
                close(c);
                pause(wait, gen);
                continue;
            }
            connected = false;
            close(c);
        }
    }

    /** Waits up to {@code ms} or until the settings change or the link stops. */
    private void pause(long ms, long gen) {
        long deadline = ms == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + ms;
        synchronized (changes) {
            while (running && generation.get() == gen) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                try {
                    changes.wait(Math.min(left, 60_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                    return;
                }
            }
        }
    }

    private boolean changed(long gen) {
        return !running || generation.get() != gen;
    }

    /** One client and whether the broker dropped it. */
    private static final class Connection {
        final MqttAsyncClient client;
        final AtomicReference<Throwable> lost = new AtomicReference<>();

        Connection(MqttAsyncClient client) {
            this.client = client;
        }
    }

    /** A connected client, or null if the settings changed first. */
    private Connection connect(MqttSettings s, long gen) throws MqttException, IOException, GeneralSecurityException {
        TopicNames topics = new TopicNames(s.baseTopic());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(false); // the link reconnects itself, with its own backoff
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout((int) (CONNECT_TIMEOUT_MS / 1000));
        o.setMaxInflight(64);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setWill(topics.availability(), TopicNames.OFFLINE.getBytes(StandardCharsets.US_ASCII), QOS, true);
        if (!s.username().isEmpty()) {
            o.setUserName(s.username());
            o.setPassword(s.password().toCharArray());
        }
        if (s.tls()) {
            o.setSocketFactory(BrokerTrust.socketFactory(s.caFile(), s.host()));
            o.setHttpsHostnameVerificationEnabled(true);
        }
        Connection c = new Connection(new MqttAsyncClient(s.uri(), "securitycam-" + topics.nodeId(),
                new MemoryPersistence()));
        c.client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                c.lost.set(cause == null ? new IOException("The connection was lost") : cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                device.received(s, topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // publishes are awaited where they are made
            }
        });
        try {
            Ack ack = new Ack();
            c.client.connect(o, null, ack);
            if (!ack.await(CONNECT_TIMEOUT_MS, gen)) {
                close(c);
                if (changed(gen)) {
                    return null;
                }
                throw new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT);
            }
            return c;
        } catch (MqttException | RuntimeException e) {
            close(c);
            throw e;
        }
    }

    /** Subscribes, announces the device online, then publishes until the settings change or the link drops. */
    private void serve(Connection c, MqttSettings s, long gen) throws MqttException, IOException {
        TopicNames topics = new TopicNames(s.baseTopic());
        List<String> subscribe = new ArrayList<>(topics.commands());
        if (s.discovery()) {
            subscribe.add(s.discoveryPrefix() + "/status");
        }
        Ack ack = new Ack();
        c.client.subscribe(subscribe.toArray(new String[0]), subscribe.stream().mapToInt(t -> QOS).toArray(), null,
                ack);
        awaitAck(ack, c, gen);
        publish(c, topics.availability(), TopicNames.ONLINE.getBytes(StandardCharsets.US_ASCII), true, gen);
        outbox.resend();
        while (!changed(gen)) {
            Throwable lost = c.lost.get();
            if (lost != null) {
                if (lost instanceof MqttException m) {
                    throw m;
                }
                throw new IOException(lost.getMessage(), lost);
            }
            Outbox.Item item;
            try {
                item = outbox.take(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                return;
            }
            if (item == null) {
                continue;
            }
            try {
                send(c, s, topics, item, gen);
            } catch (MqttException | IOException | RuntimeException e) {
                outbox.putBack(item);
                throw e;
            }
        }
    }

    private void send(Connection c, MqttSettings s, TopicNames topics, Outbox.Item item, long gen)
            throws MqttException, IOException {
        if (item.name().equals(Outbox.DISCOVERY)) {
            for (Discovery.Config config : device.discovery(s)) {
                publish(c, config.topic(), s.discovery() ? Json.bytes(config.config()) : new byte[0], true, gen);
            }
        } else if (item.event()) {
            publish(c, topics.of(item.name()), item.payload(), false, gen);
        } else {
            publish(c, topics.of(item.name()), item.payload(), true, gen);
        }
    }

    private void publish(Connection c, String topic, byte[] payload, boolean retained, long gen)
            throws MqttException, IOException {
        Ack ack = new Ack();
        c.client.publish(topic, payload, QOS, retained, null, ack);
        awaitAck(ack, c, gen);
        published.incrementAndGet();
    }

    /** Waits for the broker's acknowledgement; a settings change does not cut it short, the timeout does. */
    private static void awaitAck(Ack ack, Connection c, long gen) throws MqttException, IOException {
        if (!ack.await(ACK_TIMEOUT_MS, -1)) {
            Throwable lost = c.lost.get();
            if (lost != null) {
                throw new IOException(lost.getMessage(), lost);
            }
            throw new IOException("The broker did not acknowledge within " + ACK_TIMEOUT_MS / 1000 + " s");
        }
    }

    /**
     * Before the link leaves a broker on purpose: with discovery switched off or moved, the old configs are removed;
     * the availability goes {@code offline} (a clean disconnect does not send the will). Best effort, each step
     * within {@link #GOODBYE_MS}.
     */
    private void goodbye(Connection c, MqttSettings s) {
        if (c.lost.get() != null || !c.client.isConnected()) {
            return;
        }
        MqttSettings next = null;
        try {
            next = running ? device.settings() : null;
        } catch (RuntimeException e) {
            LOG.debug("MQTT: the new settings cannot be read: {}", e.getMessage());
        }
        boolean unannounce = s.discovery() && next != null && (!next.discovery()
                || !next.discoveryPrefix().equals(s.discoveryPrefix()) || !next.baseTopic().equals(s.baseTopic()));
        TopicNames topics = new TopicNames(s.baseTopic());
        try {
            if (unannounce) {
                for (Discovery.Config config : device.discovery(s)) {
                    quick(c, config.topic(), new byte[0]);
                }
            }
            quick(c, topics.availability(), TopicNames.OFFLINE.getBytes(StandardCharsets.US_ASCII));
            c.client.disconnect(GOODBYE_MS).waitForCompletion(GOODBYE_MS);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT: the goodbye to {} was cut short: {}", s.broker(), e.getMessage());
        }
        if (running) {
            LOG.info("MQTT: the settings changed; reconnecting");
        } else {
            LOG.info("MQTT: disconnected from {}", s.broker());
        }
    }

    private void quick(Connection c, String topic, byte[] payload) throws MqttException {
        Ack ack = new Ack();
        c.client.publish(topic, payload, QOS, true, null, ack);
        if (ack.await(GOODBYE_MS, -1)) {
            published.incrementAndGet();
        }
    }

    private static void close(Connection c) {
        if (c == null) {
            return;
        }
        try {
            if (c.client.isConnected()) {
                c.client.disconnectForcibly(0, GOODBYE_MS, false);
            }
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT: forced disconnect: {}", e.getMessage());
        }
        try {
            c.client.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT: close: {}", e.getMessage());
        }
    }

    /** The broker's answer to one action, awaited in short slices so that a settings change is seen. */
    private final class Ack implements IMqttActionListener {
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Throwable failure;

        @Override
        public void onSuccess(IMqttToken token) {
            done.countDown();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            failure = exception == null ? new IOException("The broker refused") : exception;
            done.countDown();
        }

        /**
         * True once acknowledged; false at the timeout, or as soon as the settings change when {@code gen} is not
         * -1. A refusal is thrown.
         */
        boolean await(long timeoutMs, long gen) throws MqttException {
            long deadline = System.currentTimeMillis() + timeoutMs;
            try {
                while (!done.await(POLL_MS, TimeUnit.MILLISECONDS)) {
                    if (System.currentTimeMillis() > deadline || gen != -1 && changed(gen)) {
                        return false;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                return false;
            }
            Throwable f = failure;
            if (f instanceof MqttException m) {
                throw m;
            }
            if (f != null) {
                throw new MqttException(f);
            }
            return true;
        }
    }

    /**
     * A failure as a sentence for the status and the log; never a secret. {@code connecting}: it ended a connect
     * before the broker answered, where a closed connection most often means TLS on one side only.
     */
    static String describe(Throwable e, MqttSettings s, boolean connecting) {
        if (e instanceof MqttException m) {
            switch (m.getReasonCode()) {
                // Brokers answer a wrong password with either code (mosquitto: not authorized).
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED:
                    return "The broker " + s.broker() + " refused the user name or password";
                case MqttException.REASON_CODE_CLIENT_TIMEOUT:
                    return "The broker " + s.broker() + " did not answer within " + CONNECT_TIMEOUT_MS / 1000 + " s";
                default:
                    break;
            }
        }
        BrokerTrust.Refused refused = cause(e, BrokerTrust.Refused.class);
        if (refused != null) {
            return "The certificate of the broker " + s.broker() + " " + refused.getMessage();
        }
        BrokerTrust.BadCaFile badCaFile = cause(e, BrokerTrust.BadCaFile.class);
        if (badCaFile != null) {
            return badCaFile.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConnectException) {
            return "Cannot connect to " + s.broker() + ": " + root.getMessage();
        }
        if (root instanceof UnknownHostException) {
            return "Unknown broker host " + s.host();
        }
        if (connecting && (root instanceof SocketException || root instanceof EOFException)) {
            return s.tls()
                    ? "The broker " + s.broker() + " closed the connection during the TLS handshake: if the port is "
                            + "one for plain MQTT (such as 1883), set tls to false"
                    : "The broker " + s.broker() + " closed the connection before answering: if the port is one "
                            + "for MQTT over TLS (such as 8883), set tls to true";
        }
        SSLException tls = cause(e, SSLException.class);
        if (tls != null) {
            return "TLS with the broker " + s.broker() + " failed: " + tls.getMessage();
        }
        if (root instanceof IOException && root.getMessage() != null && e instanceof MqttException m
                && m.getReasonCode() == MqttException.REASON_CODE_CONNECTION_LOST) {
            return "The connection to " + s.broker() + " was lost: " + root.getMessage();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "MQTT to " + s.broker() + ": " + message + (root != e && root.getMessage() != null
                ? " (" + root.getMessage() + ")" : "");
    }

    /** The first throwable of {@code type} in the chain of causes, or null. */
    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
