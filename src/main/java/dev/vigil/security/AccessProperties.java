package dev.vigil.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call what ({@code vigil.security.*}). Probes are always open; everything else needs an
 * API token with the right role.
 *
 * @param enabled whether anything but the probes needs credentials; off only for development
 * @param tokens the API tokens, each stored as the SHA-256 of the token, never the token
 * @param anonymousHealthDetails whether callers without the {@code actuator} role see component
 * details in the gRPC Health RPC (they always see the statuses)
 * @param openPrometheusOnManagementPort whether {@code /actuator/prometheus} is open when it is
 * served on a separate {@code management.server.port}
 * @param maxFailedAttempts failed authentications one client address may make per
 * {@code failedAttemptsWindow}; past it that address gets 429 / RESOURCE_EXHAUSTED until the
 * window ends
 * @param failedAttemptsWindow the window the failed attempts are counted in
 * @param clientCertificates the client certificate subjects the gRPC TLS port accepts (with
 * {@code vigil.tls.client-ca}), each with its roles
 */
@Validated
@ConfigurationProperties("vigil.security")
public record AccessProperties(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue List<@Valid ApiToken> tokens,
		@DefaultValue("false") boolean anonymousHealthDetails, @DefaultValue("true") boolean openPrometheusOnManagementPort,
		@Min(1) @Max(1_000_000) @DefaultValue("10") int maxFailedAttempts,
		@NotNull @DurationMin(millis = 1) @DefaultValue("1m") Duration failedAttemptsWindow,
		@NotNull @DefaultValue List<@Valid ClientCertificate> clientCertificates) {

	public AccessProperties {
		tokens = (tokens != null) ? List.copyOf(tokens) : List.of();
		clientCertificates = (clientCertificates != null) ? List.copyOf(clientCertificates) : List.of();
	}

	/**
	 * One API token.
	 *
	 * @param name who holds it; shown as the caller's name, never the token
	 * @param sha256 the SHA-256 of the token, 64 hex digits ({@code printf %s TOKEN | sha256sum})
	 * @param roles what it may do: {@code hosts:read}, {@code hosts:write}, {@code models:infer},
	 * {@code models:admin}, {@code actuator}
	 */
	public record ApiToken(@NotNull @Pattern(regexp = ApiToken.NAME_PATTERN, message = "must be kebab-case") String name,
			@NotNull String sha256,
			@NotEmpty List<@NotNull @Pattern(regexp = Roles.PATTERN, message = "must be one of " + Roles.LIST) String> roles) {

		/** What a token's name may be: kebab-case, at most 50 characters. */
		public static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{0,49}";

		private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");

		/**
		 * Checked here rather than by a constraint, whose error would print the value: a value
		 * that is not a digest is most likely the token itself.
		 */
		public ApiToken {
			if (sha256 != null && !SHA256.matcher(sha256).matches()) {
				throw new IllegalArgumentException("sha256 of token '" + name
						+ "' must be 64 hex digits: the SHA-256 of the token, never the token itself");
			}
		}

		/** Leaves the digest out, as any credential. */
		@Override
		public String toString() {
			return "ApiToken[name=" + this.name + ", roles=" + this.roles + "]";
		}

	}

	/**
	 * The roles of the clients whose certificate has one subject.
	 *
	 * @param subject the certificate's subject distinguished name, e.g. {@code CN=operator,O=Example};
	 * compared as X.500 names, so spacing and case of attribute types do not matter
	 * @param roles what it may do, as for tokens
	 */
	public record ClientCertificate(@NotNull @Pattern(regexp = ".*\\S.*", message = "must not be blank") String subject,
			@NotEmpty List<@NotNull @Pattern(regexp = Roles.PATTERN, message = "must be one of " + Roles.LIST) String> roles) {

	}

}
