package dev.vigil.tls;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * TLS serving ({@code vigil.tls.*}): HTTPS and gRPC over TLS on ports of their own, beside the
 * plain HTTP and gRPC ports that probes and ACME HTTP-01 challenges use.
 *
 * @param enabled whether the TLS ports are opened
 * @param certificate a PEM file with the certificate chain, leaf first
 * @param privateKey a PEM file with the certificate's private key (PKCS#8)
 * @param httpsPort the HTTPS port; 0 picks a free one
 * @param grpcPort the gRPC-over-TLS port; 0 picks a free one
 * @param reloadCheckInterval how often the PEM files are checked for a new certificate
 * @param clientCa a PEM file of the CA certificates client certificates must chain to; when set,
 * the gRPC TLS port asks each client for a certificate (optional: a client may present a token
 * instead), and {@code vigil.security.client-certificates} maps subjects to roles
 */
@Validated
@ConfigurationProperties("vigil.tls")
record TlsProperties(@DefaultValue("false") boolean enabled, Path certificate, Path privateKey,
		@Min(0) @Max(65535) @DefaultValue("8443") int httpsPort, @Min(0) @Max(65535) @DefaultValue("9443") int grpcPort,
		@NotNull @DurationMin(millis = 10) @DefaultValue("1m") Duration reloadCheckInterval, Path clientCa) {

	/** Whether the served certificate comes from PEM files (rather than from ACME). */
	boolean servesFiles() {
		return this.certificate != null || this.privateKey != null;
	}

	/** Serving TLS needs one source of certificates: both PEM files, or ACME. */
	void requireOneSource(boolean acmeEnabled) {
		if (this.enabled && !acmeEnabled && (this.certificate == null || this.privateKey == null)) {
			throw new IllegalStateException(
					"vigil.tls.enabled needs vigil.tls.certificate and vigil.tls.private-key, or vigil.acme.enabled");
		}
		if (acmeEnabled && servesFiles()) {
			throw new IllegalStateException(
					"vigil.tls.certificate and vigil.tls.private-key cannot be set with vigil.acme.enabled: ACME provides the certificate");
		}
	}

}
