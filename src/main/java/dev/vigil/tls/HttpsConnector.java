package dev.vigil.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * An HTTPS connector beside the main HTTP one, presenting the served certificate. When the
 * certificate is replaced, the connector's SSL configuration is swapped in place: new handshakes
 * get the new certificate, open connections finish undisturbed, nothing restarts.
 */
class HttpsConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private static final String ALIAS = "vigil";

	/** Protects nothing: the key store lives only in this process's memory. */
	private static final String IN_MEMORY_PASSWORD = "in-memory";

	private final Connector connector;

	HttpsConnector(int port, ServedCertificate certificate) {
		this.connector = new Connector(Http11NioProtocol.class.getName());
		this.connector.setPort(port);
		this.connector.setScheme("https");
		this.connector.setSecure(true);
		protocol().setSSLEnabled(true);
		protocol().addSslHostConfig(hostConfig(certificate.presented()));
		certificate.presentOn((next) -> protocol().addSslHostConfig(hostConfig(next), true));
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addAdditionalConnectors(this.connector);
	}

	/** The port HTTPS listens on, once started. */
	int port() {
		return this.connector.getLocalPort();
	}

	private Http11NioProtocol protocol() {
		return (Http11NioProtocol) this.connector.getProtocolHandler();
	}

	private static SSLHostConfig hostConfig(CertificateBundle bundle) {
		SSLHostConfig config = new SSLHostConfig();
		SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(config, SSLHostConfigCertificate.Type.UNDEFINED);
		certificate.setCertificateKeystore(keyStore(bundle));
		certificate.setCertificateKeyAlias(ALIAS);
		certificate.setCertificateKeyPassword(IN_MEMORY_PASSWORD);
		config.addCertificate(certificate);
		return config;
	}

	private static KeyStore keyStore(CertificateBundle bundle) {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry(ALIAS, bundle.key(), IN_MEMORY_PASSWORD.toCharArray(),
					bundle.chain().toArray(Certificate[]::new));
			return store;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("cannot hold the certificate in a key store: " + ex.getMessage(), ex);
		}
	}

}
