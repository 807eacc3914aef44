package io.mentorium.adapters.openai.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A self-signed certificate for 127.0.0.1, made once per JVM with the JDK's {@code keytool}: nothing secret is kept in
 * the repository, and nothing expires there.
 */
final class StandInCertificate {

    static final String PASSWORD = "stand-in";
    private static final String ALIAS = "stand-in";

    private final KeyStore keyStore;
    private final Certificate certificate;

    private StandInCertificate(KeyStore keyStore) throws GeneralSecurityException {
        this.keyStore = keyStore;
        this.certificate = keyStore.getCertificate(ALIAS);
    }

    /** The JVM's one certificate: making a key costs about a second. */
    static StandInCertificate get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final StandInCertificate INSTANCE = make();
    }

    private static StandInCertificate make() {
        try {
            Path dir = Files.createTempDirectory("openai-stand-in-tls");
            Path file = dir.resolve("stand-in.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "30",
                    "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD,
                    "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool could not make the stand-in's certificate: " + output);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, PASSWORD.toCharArray());
            }
            Files.delete(file);
            Files.delete(dir);
            return new StandInCertificate(store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The key and its certificate, for the server ({@link #PASSWORD}). */
    KeyStore keyStore() {
        return keyStore;
    }

    /** Trusts this certificate alone. */
    X509TrustManager trustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore());
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a trust store holding this certificate alone into {@code dir} and returns the JVM options that make a
     * process trust it (and nothing else): how a child process, the bot under a benchmark, reaches the stand-in.
     */
    List<String> trustStoreOptions(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("openai-stand-in-trust.p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                trustStore().store(out, PASSWORD.toCharArray());
            }
            return List.of("-Djavax.net.ssl.trustStore=" + file.toAbsolutePath(),
                    "-Djavax.net.ssl.trustStoreType=PKCS12", "-Djavax.net.ssl.trustStorePassword=" + PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore trustStore() throws GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try {
            trust.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        trust.setCertificateEntry(ALIAS, certificate);
        return trust;
    }
}
