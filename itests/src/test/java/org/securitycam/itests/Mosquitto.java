package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Debian's mosquitto on a free loopback port, with a password file and an ACL: the device's user {@code cam} may
 * use {@code security-cam/#} and {@code homeassistant/#}, and the user {@code ha} (Home Assistant, the test's
 * subscriber) everything. Messages are watched with {@code mosquitto_sub}. It may also listen over TLS, on a port of
 * its own for each server certificate it is given, with the same users and ACL.
 */
final class Mosquitto implements AutoCloseable {
    static final String USER = "cam";
    static final String PASSWORD = "cam-secret-1";
    static final String HA_USER = "ha";
    static final String HA_PASSWORD = "ha-secret-2";

    final Path dir;
    /** The plain MQTT port. */
    final int port;
    /** The TLS ports, one for each server certificate given to {@link #start(Path, Certificates.Server...)}. */
    final List<Integer> tlsPorts;
    private Process broker;

    private Mosquitto(Path dir, int port, List<Integer> tlsPorts) {
        this.dir = dir;
        this.port = port;
        this.tlsPorts = List.copyOf(tlsPorts);
    }

    /** The broker with a plain listener, and a TLS listener for each of {@code tls} (in that order). */
    static Mosquitto start(Path dir, Certificates.Server... tls) throws Exception {
        int port = freePort();
        List<Integer> tlsPorts = new ArrayList<>();
        StringBuilder listeners = new StringBuilder();
        for (Certificates.Server server : tls) {
            int p = freePort();
            tlsPorts.add(p);
            listeners.append("listener ").append(p).append(" 127.0.0.1\ncafile ").append(server.ca())
                    .append("\ncertfile ").append(server.cert()).append("\nkeyfile ").append(server.key()).append('\n');
        }
        Files.createDirectories(dir);
        run(List.of("mosquitto_passwd", "-b", "-c", dir.resolve("passwd").toString(), USER, PASSWORD));
        run(List.of("mosquitto_passwd", "-b", dir.resolve("passwd").toString(), HA_USER, HA_PASSWORD));
        Files.writeString(dir.resolve("acl"), "user " + USER + "\ntopic readwrite security-cam/#\n"
                + "topic readwrite homeassistant/#\nuser " + HA_USER + "\ntopic readwrite #\n");
        Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous false\n"
                + "password_file " + dir.resolve("passwd") + "\nacl_file " + dir.resolve("acl") + "\npersistence false\n"
                + "log_dest file " + dir.resolve("mosquitto.log") + "\nlog_type all\nconnection_messages true\n"
                // Started as root, mosquitto would drop to its own user, which cannot read the test's folder.
                + "user " + System.getProperty("user.name") + "\n" + listeners);
        Mosquitto m = new Mosquitto(dir, port, tlsPorts);
        m.launch();
        return m;
    }

    /** Starts (again) on the same port. */
    void launch() throws Exception {
        // Debian puts the broker in /usr/sbin, which a user's PATH may lack.
        String mosquitto = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        broker = new ProcessBuilder(mosquitto, "-c", dir.resolve("mosquitto.conf").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile())).start();
        long deadline = System.currentTimeMillis() + 10_000;
        List<Integer> ports = new ArrayList<>(tlsPorts);
        ports.add(port);
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket("127.0.0.1", ports.get(0))) {
                ports.remove(0);
                if (ports.isEmpty()) {
                    return;
                }
            } catch (IOException notYet) {
                if (!broker.isAlive()) {
                    fail("mosquitto exited: " + Files.readString(dir.resolve("broker.log")) + log());
                }
                Thread.sleep(50);
            }
        }
        fail("mosquitto did not listen on " + ports);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    void stop() throws InterruptedException {
        if (broker != null && broker.isAlive()) {
            broker.destroy();
            if (!broker.waitFor(10, TimeUnit.SECONDS)) {
                broker.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The {@code MQTT} section for a device on this broker. */
    String section(String base, String password) {
        return "{\"MQTT\":{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + port + ",\"username\":\"" + USER
                + "\",\"password\":\"" + password + "\",\"base_topic\":\"" + base + "\"}}";
    }

    /** The {@code MQTT} section for a device on {@code port} of this broker, with or without TLS. */
    String section(String base, int port, boolean tls, String caFile) {
        return "{\"MQTT\":{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + port + ",\"tls\":" + tls
                + ",\"ca_file\":\"" + caFile + "\",\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD
                + "\",\"base_topic\":\"" + base + "\"}}";
    }

    /** Publishes as Home Assistant. */
    void publish(String topic, String payload, boolean retained) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", "" + port, "-u", HA_USER,
                "-P", HA_PASSWORD, "-t", topic, "-m", payload, "-q", "1"));
        if (retained) {
            cmd.add("-r");
        }
        run(cmd);
    }

    /** A subscriber on {@code topics}, as Home Assistant. */
    Subscriber subscribe(String... topics) throws IOException {
        return subscribe(List.of("-p", "" + port), topics);
    }

    /**
     * A subscriber on {@code topics} over the TLS port {@code tlsPort}, as Home Assistant, trusting only
     * {@code caFile}; mosquitto_sub checks the broker's host name as well.
     */
    Subscriber subscribeOverTls(int tlsPort, Path caFile, String... topics) throws IOException {
        return subscribe(List.of("-p", "" + tlsPort, "--cafile", caFile.toString()), topics);
    }

    private Subscriber subscribe(List<String> connection, String... topics) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("mosquitto_sub", "-h", "127.0.0.1"));
        cmd.addAll(connection);
        cmd.addAll(List.of("-u", HA_USER, "-P", HA_PASSWORD, "-q", "1", "-F", "%r %t %x"));
        for (String t : topics) {
            cmd.add("-t");
            cmd.add(t);
        }
        return new Subscriber(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /** Runs a tool (an argument list, no shell) to its end within 10 s, or fails the test with its output. */
    static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            fail(cmd.get(0) + " failed: " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** One message as the subscriber saw it. */
    record Message(boolean retained, String topic, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** The messages of a running mosquitto_sub, in the order they came. */
    static final class Subscriber implements AutoCloseable {
        private final Process process;
        private final List<Message> messages = new ArrayList<>();

        private Subscriber(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null;) {
                        String[] f = line.split(" ", 3);
                        if (f.length >= 2) {
                            Message m = new Message("1".equals(f[0]), f[1],
                                    f.length == 3 ? HexFormat.of().parseHex(f[2]) : new byte[0]);
                            synchronized (messages) {
                                messages.add(m);
                                messages.notifyAll();
                            }
                        }
                    }
                } catch (IOException | IllegalArgumentException gone) {
                    // the subscriber ended
                }
            }, "mosquitto_sub");
            reader.setDaemon(true);
            reader.start();
        }

        List<Message> all() {
            synchronized (messages) {
                return List.copyOf(messages);
            }
        }

        /** The first message from index {@code from} on that matches, waiting up to {@code millis}. */
        Message await(String what, int from, long millis, Predicate<Message> match) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            synchronized (messages) {
                while (true) {
                    for (int i = from; i < messages.size(); i++) {
                        if (match.test(messages.get(i))) {
                            return messages.get(i);
                        }
                    }
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        fail("Waited " + millis + " ms for " + what + "; got " + messages.stream()
                                .map(m -> m.topic() + "=" + (m.payload().length > 60 ? m.payload().length + " bytes"
                                        : m.text())).toList());
                    }
                    messages.wait(left);
                }
            }
        }

        Message await(String what, long millis, Predicate<Message> match) throws InterruptedException {
            return await(what, 0, millis, match);
        }

        int size() {
            synchronized (messages) {
                return messages.size();
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
