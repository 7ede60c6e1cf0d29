package org.securitycam.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway PKI made with openssl for one test, in the test's own folder: a test CA, server certificates that it
 * signs for the names a test asks for, and a second, unrelated CA. Every key is made at run time and goes with the
 * folder; none is ever committed.
 */
final class Certificates {
    /** The test CA's certificate (PEM). */
    final Path ca;
    /** An unrelated CA's certificate (PEM): it signed nothing the broker shows. */
    final Path otherCa;
    private final Path dir;
    private final Path caKey;

    /** A server's certificate and key, and the CA that signed it (mosquitto's {@code cafile}). */
    record Server(Path cert, Path key, Path ca) {
    }

    private Certificates(Path dir) {
        this.dir = dir;
        this.ca = dir.resolve("ca.pem");
        this.caKey = dir.resolve("ca.key");
        this.otherCa = dir.resolve("other-ca.pem");
    }

    static Certificates create(Path dir) throws Exception {
        Files.createDirectories(dir);
        Certificates c = new Certificates(dir);
        c.selfSignedCa("security-cam test CA", c.ca, c.caKey);
        c.selfSignedCa("an unrelated CA", c.otherCa, dir.resolve("other-ca.key"));
        return c;
    }

    /**
     * A server certificate signed by the test CA, made out to {@code altNames} as subject alternative names
     * ({@code IP:127.0.0.1}, {@code DNS:localhost}); {@code name} names its files and its subject.
     */
    Server server(String name, String... altNames) throws Exception {
        Path cert = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + ".key");
        List<String> cmd = new ArrayList<>(List.of("openssl", "req", "-x509", "-CA", ca.toString(), "-CAkey",
                caKey.toString()));
        cmd.addAll(newKey(key));
        cmd.addAll(List.of("-out", cert.toString(), "-days", "2", "-subj", "/CN=" + name, "-addext",
                "subjectAltName=" + String.join(",", altNames), "-addext", "basicConstraints=critical,CA:FALSE",
                "-addext", "extendedKeyUsage=serverAuth"));
        Mosquitto.run(cmd);
        return new Server(cert, key, ca);
    }

    /** A PKCS12 trust store holding only the test CA, as {@code keytool -importcert} makes it. */
    Path trustStore(String password) throws Exception {
        Path store = dir.resolve("truststore.p12");
        Mosquitto.run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert",
                "-noprompt", "-alias", "security-cam-test-ca", "-file", ca.toString(), "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", password));
        return store;
    }

    private void selfSignedCa(String subject, Path cert, Path key) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "req", "-x509"));
        cmd.addAll(newKey(key));
        cmd.addAll(List.of("-out", cert.toString(), "-days", "2", "-subj", "/CN=" + subject, "-addext",
                "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"));
        Mosquitto.run(cmd);
    }

    /** A fresh P-256 key, unencrypted: the broker reads it without a passphrase. */
    private static List<String> newKey(Path key) {
        return List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                key.toString());
    }
}
