package dev.vigil.tls;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Obtaining and renewing the served certificate from an ACME CA ({@code vigil.acme.*}).
 *
 * @param enabled whether Vigil orders its certificate itself
 * @param directoryUrl the CA's directory, e.g. {@code https://acme-v02.api.letsencrypt.org/directory}
 * @param email the account's contact address
 * @param domains the names the certificate is for; the CA reaches them on port 80 for HTTP-01
 * @param acceptTerms the CA's terms of service must be accepted explicitly
 * @param renewBefore renew when this little validity remains; by default a third of the lifetime
 * @param checkInterval how often the certificate is checked (and the stored one re-read)
 * @param challengeType the challenge answered: {@code http-01}
 * @param trustCertificate a PEM certificate to trust for the CA's own HTTPS (a private CA); the
 * JDK's trust store otherwise
 * @param orderTimeout how long one order may take, challenges included
 */
@Validated
@ConfigurationProperties("vigil.acme")
record AcmeProperties(@DefaultValue("false") boolean enabled, URI directoryUrl, String email,
		@NotNull @DefaultValue List<String> domains, @DefaultValue("false") boolean acceptTerms,
		@DurationMin(seconds = 1) Duration renewBefore,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration checkInterval,
		@NotNull @Pattern(regexp = "http-01", message = "must be http-01") @DefaultValue("http-01") String challengeType,
		Path trustCertificate, @NotNull @DurationMin(seconds = 1) @DefaultValue("2m") Duration orderTimeout) {

	public AcmeProperties {
		domains = (domains != null) ? List.copyOf(domains) : List.of();
	}

	/** The CA's terms bind the operator, so they are never accepted by default. */
	@AssertTrue(message = "vigil.acme.accept-terms must be true to order certificates")
	public boolean isTermsAccepted() {
		return !this.enabled || this.acceptTerms;
	}

	@AssertTrue(message = "vigil.acme.enabled needs vigil.acme.directory-url and vigil.acme.domains")
	public boolean isComplete() {
		return !this.enabled || (this.directoryUrl != null && !this.domains.isEmpty());
	}

}
