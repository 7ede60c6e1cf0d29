package org.securitycam.mqtt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Whom a TLS connection to the broker trusts: the CA certificates of a PEM file, or the JVM's trust store (the
 * system's, or the one {@code javax.net.ssl.trustStore} names). The JDK's checks stay as they are, the host name
 * included; only a refusal is put into words a user understands: not signed by a trusted CA, expired, or made out
 * to another host. A CA file that cannot be used says why as well.
 */
final class BrokerTrust {
    /**
     * A CA file larger than this is no CA file. The settings rules read it while the settings store holds its lock,
     * so it must stay small; the system's whole trust store is about 200 KB as PEM.
     */
    static final long MOST_BYTES = 1 << 20;

    private BrokerTrust() {
    }

    /** Why the broker's certificate was refused, as the end of a sentence about that certificate. */
    static final class Refused extends CertificateException {
        private static final long serialVersionUID = 1L;

        Refused(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** A CA file that cannot be used; the message is a sentence naming the file and the problem. */
    static final class BadCaFile extends IOException {
        private static final long serialVersionUID = 1L;
        private final String problem;

        BadCaFile(String file, String problem) {
            super("The CA file " + file + " " + problem);
            this.problem = problem;
        }

        /** What is wrong with the file, without its name: {@code does not exist}. */
        String problem() {
            return problem;
        }
    }

    /** The certificates of a CA file; at least one. */
    static List<X509Certificate> caCertificates(String caFile) throws BadCaFile {
        Path file = Path.of(caFile);
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new BadCaFile(caFile, "is a folder, not a file");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // a device or a pipe could be read for ever, under the store's lock
                throw new BadCaFile(caFile, "is not a regular file");
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MOST_BYTES + 1);
            }
            if (bytes.length > MOST_BYTES) {
                throw new BadCaFile(caFile, "is larger than " + MOST_BYTES / 1024 + " KB: it is no file of CA "
                        + "certificates");
            }
        } catch (NoSuchFileException e) {
            throw new BadCaFile(caFile, "does not exist");
        } catch (AccessDeniedException e) {
            throw new BadCaFile(caFile, "cannot be read by the device (permission denied)");
        } catch (BadCaFile e) {
            throw e;
        } catch (IOException e) {
            throw new BadCaFile(caFile, "cannot be read: " + e.getMessage());
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            Collection<? extends Certificate> parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes));
            for (Certificate c : parsed) {
                certificates.add((X509Certificate) c);
            }
        } catch (CertificateException notPem) {
            // no certificate at all, or a damaged one: the same to the user
        }
        if (certificates.isEmpty()) {
            throw new BadCaFile(caFile, "holds no certificate: it must be a PEM file of CA certificates "
                    + "(-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /**
     * A socket factory that trusts only the certificates of {@code caFile}, or the JVM's trust store when it is
     * empty, and refuses a broker certificate with a {@link Refused} that says why.
     */
    static SSLSocketFactory socketFactory(String caFile, String host) throws BadCaFile, GeneralSecurityException {
        KeyStore trusted = null;
        if (!caFile.isEmpty()) {
            trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                trusted.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException("An empty key store cannot be made", e);
            }
            int i = 0;
            for (X509Certificate c : caCertificates(caFile)) {
                trusted.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted); // null: the JVM's trust store
        X509ExtendedTrustManager jdk = null;
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                jdk = x;
            }
        }
        if (jdk == null) {
            throw new GeneralSecurityException("The JVM has no X.509 trust manager");
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { new Explained(jdk, host,
                caFile.isEmpty() ? "a CA of the system's trust store" : "a CA in " + caFile) }, null);
        return context.getSocketFactory();
    }

    /**
     * The JDK's trust manager, which checks the chain and, since the client asks for it on the socket, the host
     * name; a refusal is checked again piece by piece to say which of them failed.
     */
    static final class Explained extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager jdk;
        private final String host;
        private final String anchors;

        Explained(X509ExtendedTrustManager jdk, String host, String anchors) {
            this.jdk = jdk;
            this.host = host;
            this.anchors = anchors;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            try {
                jdk.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                throw explain(chain, authType, e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            try {
                jdk.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                throw explain(chain, authType, e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                jdk.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                throw explain(chain, authType, e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            jdk.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            jdk.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            jdk.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return jdk.getAcceptedIssuers();
        }

        /**
         * Which check refused the chain: the dates of the broker's own certificate, then the chain alone (no host
         * name); a chain that passes alone was refused for the connection, which without a cause of its own is the
         * JDK's host name check.
         */
        Refused explain(X509Certificate[] chain, String authType, CertificateException failure) {
            if (chain == null || chain.length == 0) {
                return new Refused("is missing: the broker sent none", failure);
            }
            X509Certificate leaf = chain[0];
            try {
                leaf.checkValidity();
            } catch (CertificateExpiredException e) {
                return new Refused("has expired (it was valid until " + leaf.getNotAfter().toInstant() + ")", failure);
            } catch (CertificateNotYetValidException e) {
                return new Refused("is not valid yet (it is valid from " + leaf.getNotBefore().toInstant() + ")",
                        failure);
            }
            try {
                jdk.checkServerTrusted(chain, authType);
            } catch (CertificateException untrusted) {
                return new Refused("is not trusted: it is not signed by " + anchors, failure);
            }
            if (failure.getCause() == null) {
                return new Refused("is not for the host " + host + " (it is for " + names(leaf) + ")", failure);
            }
            return new Refused("is not trusted: " + failure.getMessage(), failure);
        }
    }

    /** The DNS names and IP addresses a certificate is made out to, for a message. */
    static String names(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = cert.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> name : alternatives) {
                    // 2 is a DNS name, 7 an IP address
                    if (name.size() == 2 && (Integer.valueOf(2).equals(name.get(0))
                            || Integer.valueOf(7).equals(name.get(0)))) {
                        names.add(String.valueOf(name.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // shown as naming no host
        }
        return names.isEmpty() ? "no host name: it has no subject alternative name" : String.join(", ", names);
    }
}
