package dev.vigil.tls;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate every TLS port presents. Replacing it tells each port, which then presents
 * the new one on every new handshake, without a restart.
 */
class ServedCertificate {

	private static final Logger logger = LoggerFactory.getLogger(ServedCertificate.class);

	private final List<Consumer<CertificateBundle>> ports = new CopyOnWriteArrayList<>();

	private final List<Consumer<CertificateBundle>> listeners = new CopyOnWriteArrayList<>();

	private final Supplier<CertificateBundle> placeholder;

	private volatile CertificateBundle current;

	private CertificateBundle placeholderMade;

	/**
	 * @param initial the certificate to serve, or null until one is obtained
	 * @param placeholder makes what the ports present until then
	 */
	ServedCertificate(CertificateBundle initial, Supplier<CertificateBundle> placeholder) {
		this.current = initial;
		this.placeholder = placeholder;
	}

	/** The real certificate, if there is one yet. */
	Optional<CertificateBundle> current() {
		return Optional.ofNullable(this.current);
	}

	/** What a TLS port presents: the real certificate, or a placeholder until there is one. */
	synchronized CertificateBundle presented() {
		CertificateBundle real = this.current;
		if (real != null) {
			return real;
		}
		if (this.placeholderMade == null) {
			this.placeholderMade = this.placeholder.get();
		}
		return this.placeholderMade;
	}

	/**
	 * Has a TLS port take up each new certificate before {@link #current()} reports it, so that
	 * whoever reads the current certificate finds every port already presenting it.
	 */
	void presentOn(Consumer<CertificateBundle> port) {
		this.ports.add(port);
	}

	/** Calls {@code listener} with each new certificate, once every port presents it. */
	void onReplace(Consumer<CertificateBundle> listener) {
		this.listeners.add(listener);
	}

	void replace(CertificateBundle next) {
		this.ports.forEach((port) -> port.accept(next));
		this.current = next;
		logger.info("tls.certificate.replaced serial={} notAfter={}", next.leaf().getSerialNumber().toString(16),
				next.notAfter());
		this.listeners.forEach((listener) -> listener.accept(next));
	}

}
