package dev.vigil.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, as one name: the token's name or the client certificate's subject; {@value #ANONYMOUS}
 * when the call is not authenticated (security off). Read on the thread that handles the call,
 * where the access rules have put the caller.
 */
public final class Callers {

	/** The identity of a call nobody authenticated. */
	public static final String ANONYMOUS = "anonymous";

	private Callers() {
	}

	/** The current call's caller. */
	public static String current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			return ANONYMOUS;
		}
		return authentication.getName();
	}

}
