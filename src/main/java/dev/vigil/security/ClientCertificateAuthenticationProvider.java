package dev.vigil.security;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Maps a client certificate's subject to its configured roles. The TLS handshake has already
 * proven the certificate chains to {@code vigil.tls.client-ca}; a subject that is not configured is
 * refused and counts as a failed attempt of its address.
 */
final class ClientCertificateAuthenticationProvider implements AuthenticationProvider {

	private static final Logger logger = LoggerFactory.getLogger(ClientCertificateAuthenticationProvider.class);

	private final Map<X500Principal, List<String>> roles;

	private final FailedAttemptLimiter limiter;

	ClientCertificateAuthenticationProvider(List<AccessProperties.ClientCertificate> certificates,
			FailedAttemptLimiter limiter) {
		this.roles = certificates.stream()
			.collect(Collectors.toUnmodifiableMap((certificate) -> new X500Principal(certificate.subject()),
					AccessProperties.ClientCertificate::roles));
		this.limiter = limiter;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String address = String.valueOf(authentication.getCredentials());
		if (this.limiter.blocked(address)) {
			throw new TooManyFailedAttemptsException();
		}
		X500Principal subject = ((X509Certificate) authentication.getPrincipal()).getSubjectX500Principal();
		List<String> granted = this.roles.get(subject);
		if (granted == null) {
			this.limiter.failed(address);
			logger.info("security.authentication.failed client={} method=certificate", address);
			throw new BadCredentialsException(ApiTokenAuthenticationProvider.REFUSED);
		}
		PreAuthenticatedAuthenticationToken authenticated = new PreAuthenticatedAuthenticationToken(
				subject.getName(X500Principal.RFC2253), null,
				AuthorityUtils.createAuthorityList(granted.toArray(String[]::new)));
		authenticated.setAuthenticated(true);
		Callers.authenticated(authenticated.getName());
		return authenticated;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return PreAuthenticatedAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
