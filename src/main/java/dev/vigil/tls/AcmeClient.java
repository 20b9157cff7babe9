package dev.vigil.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * One ACME order with acme4j: account, HTTP-01 challenges, finalization, certificate.
 */
class AcmeClient {

	/** Where a challenge's answer is published for the CA to fetch, and withdrawn after. */
	interface ChallengeBoard {

		void publish(String token, String authorization);

		void withdraw(String token);

	}

	private final AcmeProperties properties;

	AcmeClient(AcmeProperties properties) {
		this.properties = properties;
	}

	static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot make an EC key", ex);
		}
	}

	/** Orders a certificate for the configured domains; its key is new. */
	CertificateBundle order(KeyPair accountKey, ChallengeBoard board) throws AcmeException, InterruptedException {
		Duration timeout = this.properties.orderTimeout();
		Session session = new Session(this.properties.directoryUrl(), provider());
		AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey);
		if (this.properties.email() != null && !this.properties.email().isBlank()) {
			builder.addEmail(this.properties.email());
		}
		Account account = builder.create(session);
		Order order = account.newOrder().domains(this.properties.domains()).create();
		for (Authorization authorization : order.getAuthorizations()) {
			if (authorization.getStatus() == Status.VALID) {
				continue;
			}
			Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
				.orElseThrow(() -> new AcmeException("the CA offers no http-01 challenge for "
						+ authorization.getIdentifier().getDomain()));
			board.publish(challenge.getToken(), challenge.getAuthorization());
			try {
				challenge.trigger();
				Status status = authorization.waitForCompletion(timeout);
				if (status != Status.VALID) {
					throw new AcmeException("challenge for " + authorization.getIdentifier().getDomain() + " ended "
							+ status + challenge.getError().map((problem) -> ": " + problem).orElse(""));
				}
			}
			finally {
				board.withdraw(challenge.getToken());
			}
		}
		if (order.waitUntilReady(timeout) != Status.READY) {
			throw new AcmeException("order not ready: " + order.getError().map(Object::toString).orElse("no reason given"));
		}
		KeyPair domainKey = newKeyPair();
		order.execute(domainKey);
		if (order.waitForCompletion(timeout) != Status.VALID) {
			throw new AcmeException("order not issued: " + order.getError().map(Object::toString).orElse("no reason given"));
		}
		return new CertificateBundle(domainKey.getPrivate(), order.getCertificate().getCertificateChain());
	}

	/** The CA's HTTPS trusted by the JDK, or by the configured certificate alone. */
	private GenericAcmeProvider provider() {
		if (this.properties.trustCertificate() == null) {
			return new GenericAcmeProvider();
		}
		SSLContext ssl = trusting(this.properties.trustCertificate());
		return new GenericAcmeProvider() {

			@Override
			public HttpClient createHttpClient(NetworkSettings settings) {
				return HttpClient.newBuilder()
					.sslContext(ssl)
					.connectTimeout(settings.getTimeout())
					.proxy(settings.getProxySelector())
					.build();
			}

		};
	}

	private static SSLContext trusting(Path certificate) {
		try (InputStream input = Files.newInputStream(certificate)) {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			int index = 0;
			for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(input)) {
				trust.setCertificateEntry("ca-" + index++, ca);
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot trust vigil.acme.trust-certificate: " + ex.getMessage(), ex);
		}
	}

}
