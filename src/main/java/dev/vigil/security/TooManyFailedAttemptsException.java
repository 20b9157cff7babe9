package dev.vigil.security;

import org.springframework.security.core.AuthenticationException;

/**
 * A client address that failed to authenticate too often is refused for a while: 429 on HTTP,
 * RESOURCE_EXHAUSTED on gRPC.
 */
final class TooManyFailedAttemptsException extends AuthenticationException {

	TooManyFailedAttemptsException() {
		super("too many failed attempts; try again later");
	}

}
