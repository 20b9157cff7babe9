package dev.vigil.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With {@code vigil.security.enabled=false}, every request acts with every role, so the endpoints
 * that show details to authorized callers (health, env) show them as they did before security.
 */
final class SecurityOffFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ApiTokenFilter.proceedAs(ApiTokenAuthentication.authenticated("security-off",
				AuthorityUtils.createAuthorityList(Roles.HOSTS_READ, Roles.HOSTS_WRITE, Roles.MODELS_INFER,
						Roles.MODELS_ADMIN, Roles.ACTUATOR, Roles.ACTUATOR_WRITE)), request, response, chain);
	}

}
