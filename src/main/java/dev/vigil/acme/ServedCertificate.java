package dev.vigil.acme;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate every TLS port presents. Replacing it tells each port, which then presents
 * the new one on every new handshake, without a restart.
 */
class ServedCertificate {

	private static final Logger logger = LoggerFactory.getLogger(ServedCertificate.class);

	private final List<Consumer<CertificateBundle>> listeners = new CopyOnWriteArrayList<>();

	private volatile CertificateBundle current;

	ServedCertificate(CertificateBundle initial) {
		this.current = initial;
	}

	Optional<CertificateBundle> current() {
		return Optional.ofNullable(this.current);
	}

	/** Calls {@code listener} with each new certificate. */
	void onReplace(Consumer<CertificateBundle> listener) {
		this.listeners.add(listener);
	}

	void replace(CertificateBundle next) {
		this.current = next;
		logger.info("tls.certificate.replaced serial={} notAfter={}", next.leaf().getSerialNumber().toString(16),
				next.notAfter());
		this.listeners.forEach((listener) -> listener.accept(next));
	}

}
