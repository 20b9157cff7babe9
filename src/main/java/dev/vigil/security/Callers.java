package dev.vigil.security;

import java.util.concurrent.atomic.AtomicReference;

import io.grpc.Context;

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

	/**
	 * Where a gRPC call's identity is written as the access rules authenticate it, for a door that
	 * attached a holder to the call's context before the rules ran: it is known even when the
	 * rules then refuse the call, as a log of refusals needs.
	 */
	public static final Context.Key<AtomicReference<String>> AUTHENTICATED = Context.key("vigil.caller");

	private Callers() {
	}

	/** Records who the rules authenticated, in the current gRPC call's holder if a door attached one. */
	static void authenticated(String name) {
		AtomicReference<String> holder = AUTHENTICATED.get();
		if (holder != null) {
			holder.set(name);
		}
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
