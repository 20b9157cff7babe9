package dev.vigil.security;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Checks a presented API token against the configured SHA-256 digests, in constant time. Failures
 * are counted per client address.
 */
final class ApiTokenAuthenticationProvider implements AuthenticationProvider {

	private static final Logger logger = LoggerFactory.getLogger(ApiTokenAuthenticationProvider.class);

	/** Says nothing of why: a missing, unknown or malformed token all read the same. */
	static final String REFUSED = "authentication required";

	private final List<AccessProperties.ApiToken> tokens;

	private final List<byte[]> digests;

	private final FailedAttemptLimiter limiter;

	ApiTokenAuthenticationProvider(List<AccessProperties.ApiToken> tokens, FailedAttemptLimiter limiter) {
		this.tokens = tokens;
		this.digests = tokens.stream().map((token) -> HexFormat.of().parseHex(token.sha256().toLowerCase())).toList();
		this.limiter = limiter;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		ApiTokenAuthentication presented = (ApiTokenAuthentication) authentication;
		String address = presented.clientAddress();
		if (this.limiter.blocked(address)) {
			throw new TooManyFailedAttemptsException();
		}
		byte[] digest = TokenDigest.sha256(String.valueOf(presented.getCredentials()));
		int match = -1;
		// Every digest is compared, so the position of a match does not show in the timing either.
		for (int i = 0; i < this.digests.size(); i++) {
			if (MessageDigest.isEqual(this.digests.get(i), digest) && match < 0) {
				match = i;
			}
		}
		if (match < 0) {
			this.limiter.failed(address);
			logger.info("security.authentication.failed client={}", address);
			throw new BadCredentialsException(REFUSED);
		}
		AccessProperties.ApiToken token = this.tokens.get(match);
		Callers.authenticated(token.name());
		return ApiTokenAuthentication.authenticated(token.name(),
				AuthorityUtils.createAuthorityList(token.roles().toArray(String[]::new)));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiTokenAuthentication.class.isAssignableFrom(authentication);
	}

}
