package dev.vigil.tls;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.vigil.health.ComponentCheck;
import dev.vigil.health.HealthStatuses;

import org.springframework.boot.health.contributor.Health;

/**
 * The {@code acme} component, in the readiness group: the served certificate and how its renewal
 * goes.
 * <ul>
 * <li>UP {@code valid}, or {@code renewing} while an order runs;</li>
 * <li>DEGRADED {@code error} inside the renewal window while the last order failed (the current
 * certificate is still served);</li>
 * <li>DOWN {@code expired}, or {@code error} when TLS is on and there is no certificate yet;</li>
 * <li>UP {@code disabled} with neither TLS nor ACME.</li>
 * </ul>
 */
class CertificateHealthCheck implements ComponentCheck {

	private final boolean tlsEnabled;

	private final boolean acmeEnabled;

	private final ServedCertificate certificate;

	private final Optional<AcmeCertificateManager> renewals;

	private final Clock clock;

	CertificateHealthCheck(boolean tlsEnabled, boolean acmeEnabled, ServedCertificate certificate,
			Optional<AcmeCertificateManager> renewals, Clock clock) {
		this.tlsEnabled = tlsEnabled;
		this.acmeEnabled = acmeEnabled;
		this.certificate = certificate;
		this.renewals = renewals;
		this.clock = clock;
	}

	@Override
	public Health check() {
		Map<String, Object> details = describe();
		if (!this.tlsEnabled && !this.acmeEnabled) {
			details.put(CertificateHealthDetails.STATUS, "disabled");
			return Health.up().withDetails(details).build();
		}
		AcmeRenewalState state = this.renewals.map(AcmeCertificateManager::state).orElse(AcmeRenewalState.NONE);
		if (this.acmeEnabled) {
			details.put("lastRenewalAttempt", (state.lastAttempt() != null) ? state.lastAttempt().toString() : "never");
			details.put(CertificateHealthDetails.LAST_ERROR, state.lastError());
		}
		Optional<CertificateBundle> current = this.certificate.current();
		if (current.isEmpty()) {
			details.put(CertificateHealthDetails.STATUS, state.renewing() ? "renewing" : "error");
			Health.Builder health = this.tlsEnabled ? Health.down() : Health.status(HealthStatuses.DEGRADED);
			return health.withDetails(details)
				.withDetail("reason", state.lastError().isEmpty() ? "no certificate yet" : state.lastError())
				.build();
		}
		CertificateBundle bundle = current.get();
		Instant now = this.clock.instant();
		details.put(CertificateHealthDetails.EXPIRES_AT, bundle.notAfter().toString());
		details.put("notBefore", bundle.notBefore().toString());
		details.put("domains", bundle.domains());
		details.put("issuer", bundle.issuer());
		if (!now.isBefore(bundle.notAfter())) {
			details.put(CertificateHealthDetails.STATUS, "expired");
			return Health.down().withDetails(details).withDetail("reason", "certificate expired at " + bundle.notAfter()).build();
		}
		if (state.renewing()) {
			details.put(CertificateHealthDetails.STATUS, "renewing");
			return Health.up().withDetails(details).build();
		}
		if (!state.lastError().isEmpty() && this.renewals.isPresent() && this.renewals.get().renewalDue(bundle, now)) {
			details.put(CertificateHealthDetails.STATUS, "error");
			return Health.status(HealthStatuses.DEGRADED)
				.withDetails(details)
				.withDetail("reason", "renewal failing: " + state.lastError())
				.build();
		}
		details.put(CertificateHealthDetails.STATUS, "valid");
		return Health.up().withDetails(details).build();
	}

	/** A new certificate served, and every step of an order, show at once. */
	@Override
	public void refreshWith(Runnable refreshNow) {
		this.certificate.onReplace((next) -> refreshNow.run());
		this.renewals.ifPresent((manager) -> manager.onChange(refreshNow));
	}

	@Override
	public Map<String, Object> describe() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put(CertificateHealthDetails.ENABLED, this.acmeEnabled);
		details.put("source", this.acmeEnabled ? "acme" : (this.tlsEnabled ? "static" : "none"));
		return details;
	}

}
