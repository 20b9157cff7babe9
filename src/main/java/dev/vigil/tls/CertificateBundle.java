package dev.vigil.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate chain and its private key, as served. {@link #toString()} never shows the key.
 *
 * @param key the private key of the leaf certificate
 * @param chain the chain, leaf first
 */
record CertificateBundle(PrivateKey key, List<X509Certificate> chain) {

	private static final Pattern PRIVATE_KEY = Pattern
		.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

	CertificateBundle {
		chain = List.copyOf(chain);
		if (chain.isEmpty()) {
			throw new IllegalArgumentException("a certificate chain needs at least one certificate");
		}
		if (!belongsTo(key, chain.get(0))) {
			// Files caught mid-rotation pair an old key with a new certificate: never serve that.
			throw new IllegalStateException("the private key does not belong to the certificate");
		}
	}

	/** Reads a PEM certificate chain and a PEM (PKCS#8) private key. */
	static CertificateBundle read(Path certificate, Path privateKey) {
		try {
			return parse(Files.readString(certificate, StandardCharsets.US_ASCII),
					Files.readString(privateKey, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + ex.getMessage(), ex);
		}
	}

	/** Parses a PEM certificate chain and a PEM (PKCS#8) private key. */
	static CertificateBundle parse(String chainPem, String privateKeyPem) {
		return new CertificateBundle(privateKey(privateKeyPem),
				certificates(chainPem.getBytes(StandardCharsets.US_ASCII)));
	}

	/** Parses a PEM (PKCS#8) private key. */
	static PrivateKey parseKey(String privateKeyPem) {
		return privateKey(privateKeyPem);
	}

	X509Certificate leaf() {
		return this.chain.get(0);
	}

	Instant notBefore() {
		return leaf().getNotBefore().toInstant();
	}

	Instant notAfter() {
		return leaf().getNotAfter().toInstant();
	}

	String issuer() {
		return leaf().getIssuerX500Principal().getName();
	}

	/** The DNS names and IP addresses the certificate is for. */
	List<String> domains() {
		List<String> domains = new ArrayList<>();
		try {
			Collection<List<?>> names = leaf().getSubjectAlternativeNames();
			if (names != null) {
				names.forEach((name) -> domains.add(String.valueOf(name.get(1))));
			}
		}
		catch (CertificateParsingException ex) {
			// A certificate without readable alternative names lists none.
		}
		return domains;
	}

	@Override
	public String toString() {
		return "CertificateBundle[serial=" + leaf().getSerialNumber().toString(16) + ", notAfter=" + notAfter() + "]";
	}

	/** Whether a signature made with the key verifies with the certificate's public key. */
	private static boolean belongsTo(PrivateKey key, X509Certificate certificate) {
		String algorithm = switch (key.getAlgorithm()) {
			case "EC" -> "SHA256withECDSA";
			case "RSA" -> "SHA256withRSA";
			default -> key.getAlgorithm();
		};
		byte[] probe = "vigil key check".getBytes(StandardCharsets.US_ASCII);
		try {
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(key);
			signer.update(probe);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(certificate.getPublicKey());
			verifier.update(probe);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private static List<X509Certificate> certificates(byte[] pem) {
		try {
			List<X509Certificate> chain = new ArrayList<>();
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			factory.generateCertificates(new ByteArrayInputStream(pem))
				.forEach((certificate) -> chain.add((X509Certificate) certificate));
			return chain;
		}
		catch (CertificateException ex) {
			throw new IllegalStateException("not a PEM certificate chain: " + ex.getMessage(), ex);
		}
	}

	/** A PKCS#8 key of any algorithm the JDK knows; the message never includes key material. */
	private static PrivateKey privateKey(String pem) {
		Matcher matcher = PRIVATE_KEY.matcher(pem);
		if (!matcher.find()) {
			throw new IllegalStateException("no '-----BEGIN PRIVATE KEY-----' (PKCS#8) block in the key file");
		}
		PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(
				Base64.getMimeDecoder().decode(matcher.group(1).replaceAll("\\s", "")));
		for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(spec);
			}
			catch (GeneralSecurityException ex) {
				// Not this algorithm; try the next.
			}
		}
		throw new IllegalStateException("the private key is not an EC, RSA or Ed25519 PKCS#8 key");
	}

}
