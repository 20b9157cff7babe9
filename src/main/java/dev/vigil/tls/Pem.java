package dev.vigil.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Writes keys and certificates as PEM text, for the database.
 */
final class Pem {

	private Pem() {
	}

	static String privateKey(PrivateKey key) {
		return block("PRIVATE KEY", key.getEncoded());
	}

	static String publicKey(PublicKey key) {
		return block("PUBLIC KEY", key.getEncoded());
	}

	/** Reads a key pair written by {@link #privateKey} and {@link #publicKey}. */
	static KeyPair keyPair(String privatePem, String publicPem) {
		PrivateKey privateKey = CertificateBundle.parseKey(privatePem);
		String base64 = publicPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		try {
			PublicKey publicKey = KeyFactory.getInstance(privateKey.getAlgorithm())
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
			return new KeyPair(publicKey, privateKey);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the stored public key cannot be read", ex);
		}
	}

	static String chain(List<X509Certificate> chain) {
		StringBuilder text = new StringBuilder();
		for (X509Certificate certificate : chain) {
			try {
				text.append(block("CERTIFICATE", certificate.getEncoded()));
			}
			catch (CertificateEncodingException ex) {
				throw new IllegalStateException("cannot encode a certificate", ex);
			}
		}
		return text.toString();
	}

	private static String block(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
