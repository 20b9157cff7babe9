package dev.vigil.tls;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.vigil.health.ComponentState;

/**
 * The {@code acme} component's details as the doors read them, through the same keys its check
 * writes them with.
 *
 * @param enabled whether ACME orders the certificate
 * @param status {@code valid}, {@code renewing}, {@code error}, {@code expired} or {@code disabled}
 * @param expiresAt when the served certificate expires; empty without one
 * @param lastError the last failed order's error; empty when none failed
 */
public record CertificateHealthDetails(boolean enabled, String status, Optional<Instant> expiresAt, String lastError) {

	/** The component's name, in health groups and on every door. */
	public static final String COMPONENT = "acme";

	static final String ENABLED = "enabled";

	static final String STATUS = "status";

	static final String EXPIRES_AT = "expiresAt";

	static final String LAST_ERROR = "lastError";

	/** The details in the component's latest result; status {@code error} when it has none. */
	public static CertificateHealthDetails of(ComponentState component) {
		Map<String, Object> details = component.details();
		return new CertificateHealthDetails(Boolean.TRUE.equals(details.get(ENABLED)),
				String.valueOf(details.getOrDefault(STATUS, "error")),
				(details.get(EXPIRES_AT) instanceof String expiresAt) ? Optional.of(Instant.parse(expiresAt)) : Optional.empty(),
				(details.get(LAST_ERROR) instanceof String lastError) ? lastError : "");
	}

}
