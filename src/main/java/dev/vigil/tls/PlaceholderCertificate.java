package dev.vigil.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate the TLS ports present until the first ACME certificate arrives: a
 * TLS port cannot open without one. Health never counts it as a certificate.
 */
final class PlaceholderCertificate {

	private PlaceholderCertificate() {
	}

	static CertificateBundle create(Instant now) {
		KeyPair key = AcmeClient.newKeyPair();
		X500Name name = new X500Name("CN=vigil placeholder, O=waiting for ACME");
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
				Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), name, key.getPublic());
		try {
			return new CertificateBundle(key.getPrivate(), List.of(new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())))));
		}
		catch (OperatorCreationException | CertificateException ex) {
			throw new IllegalStateException("cannot make the placeholder certificate", ex);
		}
	}

}
