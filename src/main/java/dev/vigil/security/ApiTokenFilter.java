package dev.vigil.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates an HTTP request by its {@code Authorization} header. A request without one goes on
 * as anonymous; a wrong token is refused at once (401, or 429 once the address failed too often).
 * The probes never look at credentials, so a stray header cannot fail them.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

	private final AuthenticationManager authentication;

	private final RequestMatcher probes;

	ApiTokenFilter(AuthenticationManager authentication, RequestMatcher probes) {
		this.authentication = authentication;
		this.probes = probes;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getHeader(HttpHeaders.AUTHORIZATION) == null || this.probes.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String token = AuthorizationHeader.token(request.getHeader(HttpHeaders.AUTHORIZATION));
		Authentication result;
		try {
			result = this.authentication.authenticate(ApiTokenAuthentication.presented(token, request.getRemoteAddr()));
		}
		catch (AuthenticationException ex) {
			ErrorResponses.refused(response, ex);
			return;
		}
		proceedAs(result, request, response, chain);
	}

	/** Runs the rest of the chain as {@code caller}, and forgets the caller afterwards. */
	static void proceedAs(Authentication caller, HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws ServletException, IOException {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(caller);
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
