package org.securitycam.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.RandomAccessFile;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.securitycam.api.settings.InvalidSettingsException;

/**
 * The CA file's checks, the refusals of a broker's certificate in words, and the sentences of TLS failures, on
 * certificates that the JDK's keytool makes for the test.
 */
class BrokerTrustTest {
    private static final MqttSettings TLS = MqttSettings.validate(Map.of("enabled", true, "host", "127.0.0.1",
            "port", 8883, "tls", true, "ca_file", "/etc/ca.pem"), MqttSettings.defaults("pi"));

    @TempDir
    Path tmp;

    /** A self-signed certificate as PEM; {@code extra} are more keytool options (dates, names). */
    private Path certificate(String name, String... extra) throws Exception {
        Path store = tmp.resolve(name + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> gen = new java.util.ArrayList<>(List.of(keytool, "-genkeypair", "-alias", name, "-keyalg", "EC",
                "-dname", "CN=" + name, "-keystore", store.toString(), "-storepass", "changeit"));
        gen.addAll(List.of(extra));
        run(gen);
        Path pem = tmp.resolve(name + ".pem");
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(), "-storepass",
                "changeit", "-file", pem.toString()));
        return pem;
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, cmd + ": " + out);
    }

    private static X509ExtendedTrustManager jdk(List<X509Certificate> trusted) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        for (int i = 0; i < trusted.size(); i++) {
            ks.setCertificateEntry("ca" + i, trusted.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new AssertionError("no X.509 trust manager");
    }

    private static String problem(Path file) {
        return assertThrows(BrokerTrust.BadCaFile.class, () -> BrokerTrust.caCertificates(file.toString()))
                .getMessage();
    }

    @Test
    void aCaFileMustHoldCertificates() throws Exception {
        Path ca = certificate("ca", "-ext", "bc:c");
        Path bundle = tmp.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(ca) + Files.readString(certificate("other", "-ext", "bc:c")));
        assertEquals(2, BrokerTrust.caCertificates(bundle.toString()).size());

        assertEquals("The CA file " + tmp.resolve("none.pem") + " does not exist", problem(tmp.resolve("none.pem")));
        assertEquals("The CA file " + tmp + " is a folder, not a file", problem(tmp));
        assertEquals("The CA file /dev/zero is not a regular file", problem(Path.of("/dev/zero")));
        for (String notPem : List.of("", "hello\n", "-----BEGIN PRIVATE KEY-----\nMIGHAgEA\n-----END PRIVATE KEY-----\n")) {
            Path f = Files.writeString(tmp.resolve("bad.pem"), notPem);
            assertTrue(problem(f).endsWith(" holds no certificate: it must be a PEM file of CA certificates "
                    + "(-----BEGIN CERTIFICATE-----)"), notPem);
        }
        Path large = tmp.resolve("large.pem");
        try (RandomAccessFile f = new RandomAccessFile(large.toFile(), "rw")) {
            f.setLength(BrokerTrust.MOST_BYTES + 1);
        }
        assertTrue(problem(large).contains("is larger than 1024 KB"), problem(large));
    }

    @Test
    void aRefusedCertificateSaysWhy() throws Exception {
        X509Certificate ca = BrokerTrust.caCertificates(certificate("ca", "-ext", "bc:c").toString()).get(0);
        X509Certificate stranger = BrokerTrust.caCertificates(certificate("stranger").toString()).get(0);
        X509Certificate expired = BrokerTrust.caCertificates(certificate("expired", "-startdate", "-3d",
                "-validity", "1").toString()).get(0);
        X509Certificate named = BrokerTrust.caCertificates(certificate("named", "-ext",
                "san=dns:other.example,ip:192.0.2.9").toString()).get(0);
        BrokerTrust.Explained trust = new BrokerTrust.Explained(jdk(List.of(ca, named)), "127.0.0.1",
                "a CA in /etc/ca.pem");

        CertificateException e = assertThrows(BrokerTrust.Refused.class,
                () -> trust.checkServerTrusted(new X509Certificate[] { stranger }, "ECDHE_ECDSA"));
        assertEquals("is not trusted: it is not signed by a CA in /etc/ca.pem", e.getMessage());
        e = assertThrows(BrokerTrust.Refused.class,
                () -> trust.checkServerTrusted(new X509Certificate[] { expired }, "ECDHE_ECDSA"));
        assertTrue(e.getMessage().startsWith("has expired (it was valid until "), e.getMessage());
        trust.checkServerTrusted(new X509Certificate[] { named }, "ECDHE_ECDSA");

        // The JDK's host name check fails without a cause of its own; the chain alone passes.
        assertEquals("is not for the host 127.0.0.1 (it is for other.example, 192.0.2.9)", trust.explain(
                new X509Certificate[] { named }, "ECDHE_ECDSA", new CertificateException("No name matching"))
                .getMessage());
        assertEquals("no host name: it has no subject alternative name", BrokerTrust.names(ca));
    }

    @Test
    void tlsFailuresAreSentences() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new BrokerTrust.Refused("is not trusted: it is not signed by a CA in /etc/ca.pem", null));
        assertEquals("The certificate of the broker 127.0.0.1:8883 is not trusted: it is not signed by a CA in "
                + "/etc/ca.pem", MqttLink.describe(new MqttException(handshake), TLS, true));
        assertEquals("The CA file /etc/ca.pem does not exist", MqttLink.describe(
                new BrokerTrust.BadCaFile("/etc/ca.pem", "does not exist"), TLS, true));

        MqttException reset = new MqttException(MqttException.REASON_CODE_CONNECTION_LOST,
                new SocketException("Connection reset"));
        MqttSettings plain = MqttSettings.validate(Map.of("tls", false), TLS);
        assertTrue(MqttLink.describe(reset, plain, true).endsWith("closed the connection before answering: if the "
                + "port is one for MQTT over TLS (such as 8883), set tls to true"));
        assertTrue(MqttLink.describe(new MqttException(new SocketException("Connection reset")), TLS, true)
                .endsWith("closed the connection during the TLS handshake: if the port is one for plain MQTT "
                        + "(such as 1883), set tls to false"));
        assertEquals("The connection to 127.0.0.1:8883 was lost: Connection reset",
                MqttLink.describe(reset, plain, false), "a connection that was up is lost, not refused");
        assertTrue(MqttLink.describe(new MqttException(MqttException.REASON_CODE_CONNECTION_LOST,
                new EOFException()), plain, true).contains("set tls to true"));
        assertEquals("The broker 127.0.0.1:8883 refused the user name or password", MqttLink.describe(
                new MqttException(MqttException.REASON_CODE_NOT_AUTHORIZED), plain, true));
    }

    @Test
    void aProposalNeedsAUsableCaFileWhileTlsIsOn() throws Exception {
        MqttSettings d = MqttSettings.defaults("pi");
        Map<String, Object> proposal = Map.of("enabled", true, "host", "broker.lan", "tls", true, "ca_file",
                tmp.resolve("ca.pem").toString());
        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class,
                () -> MqttSettings.validateProposal(proposal, d));
        assertEquals("ca_file " + tmp.resolve("ca.pem") + " does not exist", refused.getMessage());
        // The stored section stays readable, and a section that does not use the file does not need it.
        assertEquals(tmp.resolve("ca.pem").toString(), MqttSettings.validate(proposal, d).caFile());
        MqttSettings.validateProposal(Map.of("enabled", false, "tls", true, "ca_file", tmp.resolve("ca.pem")
                .toString()), d);
        MqttSettings.validateProposal(Map.of("enabled", true, "host", "broker.lan", "ca_file", tmp.resolve("ca.pem")
                .toString()), d);
        Files.copy(certificate("ca", "-ext", "bc:c"), tmp.resolve("ca.pem"));
        assertTrue(MqttSettings.validateProposal(proposal, d).tls());
    }
}
