package dev.vigil.acme;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.vigil.health.ComponentCheck;

import org.springframework.boot.health.contributor.Health;

/**
 * The {@code acme} component, in the readiness group: what certificate the TLS ports present and
 * whether it is still valid. UP when valid, DOWN when expired, UP with status {@code disabled}
 * when no TLS port is open. Without ACME it still reports a static certificate's expiry.
 */
class CertificateHealthCheck implements ComponentCheck {

	private final boolean tlsEnabled;

	private final ServedCertificate certificate;

	private final Clock clock;

	CertificateHealthCheck(boolean tlsEnabled, ServedCertificate certificate, Clock clock) {
		this.tlsEnabled = tlsEnabled;
		this.certificate = certificate;
		this.clock = clock;
	}

	@Override
	public Health check() {
		Map<String, Object> details = describe();
		if (!this.tlsEnabled) {
			details.put("status", "disabled");
			return Health.up().withDetails(details).build();
		}
		Optional<CertificateBundle> current = this.certificate.current();
		if (current.isEmpty()) {
			details.put("status", "error");
			return Health.down().withDetails(details).withDetail("reason", "no certificate").build();
		}
		CertificateBundle bundle = current.get();
		Instant now = this.clock.instant();
		details.put("expiresAt", bundle.notAfter().toString());
		details.put("notBefore", bundle.notBefore().toString());
		details.put("domains", bundle.domains());
		details.put("issuer", bundle.issuer());
		if (!now.isBefore(bundle.notAfter())) {
			details.put("status", "expired");
			return Health.down().withDetails(details).withDetail("reason", "certificate expired at " + bundle.notAfter()).build();
		}
		details.put("status", "valid");
		return Health.up().withDetails(details).build();
	}

	@Override
	public Map<String, Object> describe() {
		Map<String, Object> details = new LinkedHashMap<>();
		// ACME ordering is not configurable yet: the certificate is a static one.
		details.put("enabled", false);
		details.put("source", this.tlsEnabled ? "static" : "none");
		return details;
	}

}
