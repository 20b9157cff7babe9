package dev.vigil.security;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.grpc.Context;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, as one name: the token's name or the client certificate's subject; {@value #ANONYMOUS}
 * when the call is not authenticated (security off). A gRPC call's identity is set once, in the
 * holder its door attached to the call's context before the access rules ran, and read from there
 * by everything else: the access log, the refused-request log, the span, the registry's writes. An
 * HTTP request's is Spring Security's.
 */
public final class Callers {

	/** The identity of a call nobody authenticated. */
	public static final String ANONYMOUS = "anonymous";

	/**
	 * Where a gRPC call's identity is written as the access rules authenticate it: the door attaches
	 * a holder to each call's context before the rules run, so the identity is known even when the
	 * rules then refuse the call, as a log of refusals needs.
	 */
	private static final Context.Key<AtomicReference<String>> AUTHENTICATED = Context.key("vigil.caller");

	private Callers() {
	}

	/** Records who the rules authenticated, in the current gRPC call's holder if a door attached one. */
	static void authenticated(String name) {
		AtomicReference<String> holder = AUTHENTICATED.get();
		if (holder != null) {
			holder.set(name);
		}
	}

	/** The current gRPC call's context with a holder for its identity, which starts as {@value #ANONYMOUS}. */
	public static Context withHolder(Context call) {
		return call.withValue(AUTHENTICATED, new AtomicReference<>(ANONYMOUS));
	}

	/**
	 * The current gRPC call's caller as it will be once the access rules have run: read it later, on
	 * any thread (an access log line at the call's end, say).
	 */
	public static Supplier<String> ofCurrentCall() {
		AtomicReference<String> holder = AUTHENTICATED.get();
		return (holder != null) ? holder::get : Callers::current;
	}

	/**
	 * The current call's caller: from its gRPC context's holder, on any thread that context is
	 * attached to; else from Spring Security's context (an HTTP request).
	 */
	public static String current() {
		AtomicReference<String> holder = AUTHENTICATED.get();
		if (holder != null) {
			return holder.get();
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			return ANONYMOUS;
		}
		return authentication.getName();
	}

}
