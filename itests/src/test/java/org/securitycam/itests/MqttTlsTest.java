package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The device on a real mosquitto TLS listener, with certificates made by openssl for the test: a broker certified
 * by the CA file connects and carries the states; an untrusted CA, a certificate for another host, the system's
 * trust store without the test CA, TLS on one side only and an unusable CA file each fail with a sentence in
 * {@code last_error}, back off, and leave the device alone. The JVM's own trust store, given to the device through
 * the start script's {@code JAVA_OPTS}, is the system's.
 */
class MqttTlsTest {
    private static final String BASE = "security-cam/tls";

    @TempDir
    Path tmp;
    private Certificates certs;
    private Certificates.Server server;
    private Certificates.Server elsewhere;

    @BeforeEach
    void certificates() throws Exception {
        certs = Certificates.create(tmp.resolve("certs"));
        server = certs.server("broker", "IP:127.0.0.1", "DNS:localhost");
        elsewhere = certs.server("elsewhere", "DNS:other.example");
    }

    /** The broker: plain, then TLS with the right certificate, then TLS with one for other.example. */
    private Mosquitto broker() throws Exception {
        return Mosquitto.start(tmp.resolve("broker"), server, elsewhere);
    }

    private static void awaitConnected(Device device) throws Exception {
        HotDeployTest.await(device, "the TLS connection", 10_000,
                () -> device.getJson("/mqtt/status").get("connected").asBoolean());
    }

    /** Waits for a {@code last_error} that contains {@code part}, checks that it reads as a sentence, returns it. */
    private static String awaitError(Device device, String part, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        JsonNode status = device.getJson("/mqtt/status");
        while (!status.path("last_error").asText().contains(part)) {
            if (System.currentTimeMillis() > deadline) {
                fail("Waited " + millis + " ms for a last_error with \"" + part + "\"; /mqtt/status: " + status);
            }
            Thread.sleep(50);
            status = device.getJson("/mqtt/status");
        }
        assertFalse(status.get("connected").asBoolean(), status.toString());
        String error = status.get("last_error").asText();
        for (String technical : List.of("Exception", "sun.security", "PKIX", "\n", "\tat ")) {
            assertFalse(error.contains(technical), "not a sentence: " + error);
        }
        return error;
    }

    @Test
    void aBrokerCertifiedByTheCaFileCarriesTheDeviceOverTls() throws Exception {
        try (Mosquitto broker = broker(); Device device = Device.start(tmp.resolve("home"))) {
            int tls = broker.tlsPorts.get(0);
            assertEquals(200, device.post("/settings", broker.section(BASE, tls, true, certs.ca.toString()))
                    .statusCode());
            awaitConnected(device);
            try (Mosquitto.Subscriber ha = broker.subscribeOverTls(tls, certs.ca, BASE + "/#")) {
                Mosquitto.Message online = ha.await("online", 5_000,
                        m -> m.topic().equals(BASE + "/availability") && m.text().equals("online"));
                assertTrue(online.retained(), "online is retained");
                ha.await("the retained sensor state", 5_000, m -> m.topic().equals(BASE + "/sensor") && m.retained());
                int from = ha.size();
                device.post("/sensor/mock/trigger", null);
                ha.await("sensor ON over TLS", from, 5_000,
                        m -> m.topic().equals(BASE + "/sensor") && m.text().equals("ON"));
                device.post("/sensor/mock/release", null);
                ha.await("sensor OFF over TLS", from, 5_000,
                        m -> m.topic().equals(BASE + "/sensor") && m.text().equals("OFF"));
            }
            // The certificate names localhost too: the name the device connects to is what is checked.
            assertEquals(200, device.post("/settings", "{\"MQTT\":{\"host\":\"localhost\"}}").statusCode());
            HotDeployTest.await(device, "the connection to localhost", 10_000, () -> {
                JsonNode s = device.getJson("/mqtt/status");
                return s.get("connected").asBoolean() && s.get("broker").asText().startsWith("localhost:");
            });
            assertTrue(broker.log().contains("on port " + tls + "."), broker.log());
        }
    }

    @Test
    void refusedCertificatesAreExplainedAndNeverInTheWay() throws Exception {
        try (Mosquitto broker = broker(); Device device = Device.start(tmp.resolve("home"))) {
            int tls = broker.tlsPorts.get(0);
            int wrongName = broker.tlsPorts.get(1);

            // A CA file of another CA: refused, in words, backed off, and the sensor and the API go on.
            int logFrom = broker.log().length(); // after the helper's own probe of the port
            assertEquals(200, device.post("/settings", broker.section(BASE, tls, true, certs.otherCa.toString()))
                    .statusCode());
            String untrusted = awaitError(device, "is not trusted", 10_000);
            assertEquals("The certificate of the broker 127.0.0.1:" + tls + " is not trusted: it is not signed by a "
                    + "CA in " + certs.otherCa, untrusted);
            long t0 = System.currentTimeMillis();
            device.post("/sensor/mock/trigger", null);
            HotDeployTest.await(device, "the trigger", 2_000,
                    () -> device.getJson("/sensor/status").get("triggered").asBoolean());
            HotDeployTest.await(device, "the trigger's recording", 5_000,
                    () -> device.getJson("/recording_status").get("recording").asBoolean());
            device.post("/sensor/mock/release", null);
            Thread.sleep(Math.max(0, 12_000 - (System.currentTimeMillis() - t0)));
            // 1, 2, 4, 8 s apart: at most five handshakes in the first 15 s, and one WARNING for all of them.
            int attempts = count(broker.log().substring(logFrom), Pattern.compile("New connection from 127\\.0\\.0\\.1:\\d+ on port "
                    + tls + "\\."));
            assertTrue(attempts >= 2 && attempts <= 5, "attempts: " + attempts + "\n" + broker.log());
            assertEquals(1, count(device.log(), Pattern.compile(Pattern.quote(untrusted))), device.log());

            // The system's trust store does not know the test CA.
            assertEquals(200, device.post("/settings", "{\"MQTT\":{\"ca_file\":\"\"}}").statusCode());
            assertEquals("The certificate of the broker 127.0.0.1:" + tls + " is not trusted: it is not signed by a "
                    + "CA of the system's trust store", awaitError(device, "system's trust store", 10_000));

            // A certificate of the right CA, made out to another host.
            assertEquals(200, device.post("/settings",
                    broker.section(BASE, wrongName, true, certs.ca.toString())).statusCode());
            assertEquals("The certificate of the broker 127.0.0.1:" + wrongName + " is not for the host 127.0.0.1 "
                    + "(it is for other.example)", awaitError(device, "is not for the host", 10_000));

            // Plain MQTT to the TLS port: the broker closes the connection, and the user is told, well before the
            // connect timeout.
            t0 = System.currentTimeMillis();
            assertEquals(200, device.post("/settings", broker.section(BASE, tls, false, "")).statusCode());
            String plainToTls = awaitError(device, "set tls to true", 8_000);
            assertTrue(plainToTls.startsWith("The broker 127.0.0.1:" + tls + " closed the connection before "
                    + "answering"), plainToTls);
            System.out.printf("plain MQTT to the TLS port: last_error after %d ms%n", System.currentTimeMillis() - t0);

            // And TLS to the plain port.
            assertEquals(200, device.post("/settings", broker.section(BASE, broker.port, true, certs.ca.toString()))
                    .statusCode());
            String tlsToPlain = awaitError(device, "set tls to false", 8_000);
            assertTrue(tlsToPlain.startsWith("The broker 127.0.0.1:" + broker.port + " closed the connection during "
                    + "the TLS handshake"), tlsToPlain);

            assertEquals(200, device.get("/sensor/status").statusCode());
            assertFalse(device.log().contains(Mosquitto.PASSWORD), "the password is never logged");
        }
    }

    @Test
    void anUnusableCaFileIsRefusedOrReported() throws Exception {
        try (Mosquitto broker = broker(); Device device = Device.start(tmp.resolve("home"))) {
            int tls = broker.tlsPorts.get(0);
            String before = device.getJson("/settings").get("MQTT").toString();
            Path missing = tmp.resolve("no-such-ca.pem");
            Path notPem = Files.writeString(tmp.resolve("not-a-ca.pem"), "this is no certificate\n");
            for (Path bad : List.of(missing, notPem, tmp)) {
                var r = device.post("/settings", broker.section(BASE, tls, true, bad.toString()));
                assertEquals(400, r.statusCode(), r.body());
                String error = device.json(r).get("error").asText();
                assertTrue(error.contains("ca_file " + bad + " "), error);
                assertEquals(before, device.getJson("/settings").get("MQTT").toString(), "nothing changed");
            }
            assertTrue(device.json(device.post("/settings", broker.section(BASE, tls, true, missing.toString())))
                    .get("error").asText().contains("does not exist"));
            assertTrue(device.json(device.post("/settings", broker.section(BASE, tls, true, notPem.toString())))
                    .get("error").asText().contains("holds no certificate"));

            // A CA file that goes away after it was accepted: the link says so at its next attempt, backs off, and
            // takes the file again once it is back.
            Path ca = Files.copy(certs.ca, tmp.resolve("ca.pem"));
            assertEquals(200, device.post("/settings", broker.section(BASE, tls, true, ca.toString())).statusCode());
            awaitConnected(device);
            Files.delete(ca);
            broker.stop();
            String gone = awaitError(device, "does not exist", 15_000);
            assertEquals("The CA file " + ca + " does not exist", gone);
            Thread.sleep(8_000);
            assertEquals(1, count(device.log(), Pattern.compile(Pattern.quote(gone))), device.log());
            assertEquals(200, device.get("/sensor/status").statusCode());
            Files.copy(certs.ca, ca);
            broker.launch();
            HotDeployTest.await(device, "the reconnect with the file back", 40_000,
                    () -> device.getJson("/mqtt/status").get("connected").asBoolean());
        }
    }

    @Test
    void theJvmTrustStoreStandsForTheSystemOne() throws Exception {
        Path store = certs.trustStore("test-store-pw");
        String opts = "-Djavax.net.ssl.trustStore=" + store + " -Djavax.net.ssl.trustStorePassword=test-store-pw";
        try (Mosquitto broker = broker(); Device device = Device.startWithScript(tmp.resolve("home"), opts)) {
            assertTrue(device.jvmArguments().contains("-Djavax.net.ssl.trustStore=" + store),
                    "the option reached the device's JVM: " + device.jvmArguments());
            int tls = broker.tlsPorts.get(0);
            assertEquals(200, device.post("/settings", broker.section(BASE, tls, true, "")).statusCode());
            awaitConnected(device);
            try (Mosquitto.Subscriber ha = broker.subscribeOverTls(tls, certs.ca, BASE + "/availability")) {
                ha.await("online", 5_000, m -> m.text().equals("online") && m.retained());
            }
            // The host name is still checked against the JVM's trust store.
            assertEquals(200, device.post("/settings", broker.section(BASE, broker.tlsPorts.get(1), true, ""))
                    .statusCode());
            awaitError(device, "is not for the host 127.0.0.1", 10_000);
        }
    }

    private static int count(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
