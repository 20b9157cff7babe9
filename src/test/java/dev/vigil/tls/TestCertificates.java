package dev.vigil.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates for tests, made with the JDK's own {@code keytool} and written as PEM
 * files the way {@code vigil.tls.certificate} and {@code vigil.tls.private-key} expect them.
 */
final class TestCertificates {

	private static final String PASSWORD = "test-only";

	private TestCertificates() {
	}

	/**
	 * A certificate for localhost and 127.0.0.1, valid from {@code startDaysAgo} days ago for
	 * {@code validityDays} days; its PEM files are {@code name.crt} and {@code name.key}.
	 */
	static CertificateBundle create(Path directory, String name, int startDaysAgo, int validityDays) {
		return create(directory, name, "CN=localhost", startDaysAgo, validityDays);
	}

	/** As {@link #create(Path, String, int, int)}, with the given subject: a client certificate. */
	static CertificateBundle create(Path directory, String name, String subject, int startDaysAgo, int validityDays) {
		try {
			Files.createDirectories(directory);
			Path store = directory.resolve(name + ".p12");
			Files.deleteIfExists(store);
			String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
			Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname",
					"secp256r1", "-dname", subject, "-ext", "san=dns:localhost,ip:127.0.0.1", "-startdate",
					"-" + startDaysAgo + "d", "-validity", Integer.toString(validityDays), "-keystore", store.toString(),
					"-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool failed for " + name);
			}
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			try (InputStream input = Files.newInputStream(store)) {
				keyStore.load(input, PASSWORD.toCharArray());
			}
			PrivateKey key = (PrivateKey) keyStore.getKey(name, PASSWORD.toCharArray());
			X509Certificate certificate = (X509Certificate) keyStore.getCertificate(name);
			Files.writeString(certificatePath(directory, name),
					pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
			Files.writeString(keyPath(directory, name), pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
			return new CertificateBundle(key, List.of(certificate));
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static Path certificatePath(Path directory, String name) {
		return directory.resolve(name + ".crt");
	}

	static Path keyPath(Path directory, String name) {
		return directory.resolve(name + ".key");
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(der) + "\n-----END " + type + "-----\n";
	}

}
