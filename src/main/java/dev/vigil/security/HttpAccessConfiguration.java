package dev.vigil.security;

import java.util.Arrays;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * HTTP access: the probes and ACME challenges are open, the health root answers anonymous callers
 * with its status only, and every other path needs a token ({@code actuator} to read actuator
 * endpoints, {@code actuator:write} to change anything through them).
 */
@Configuration(proxyBeanMethods = false)
class HttpAccessConfiguration {

	/** Open to anyone, and never looking at credentials. */
	static final String[] PROBES = { "/livez", "/readyz", "/actuator/health/liveness", "/actuator/health/readiness",
			"/.well-known/acme-challenge/**" };

	@Bean
	SecurityFilterChain vigilSecurityFilterChain(HttpSecurity http, AccessProperties properties,
			ApiTokenAuthenticationProvider tokens, Environment environment) throws Exception {
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable());
		if (!properties.enabled()) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.addFilterBefore(new SecurityOffFilter(), AuthorizationFilter.class)
				.build();
		}
		boolean prometheusOpen = properties.openPrometheusOnManagementPort()
				&& ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
		RequestMatcher probes = new OrRequestMatcher(
				Arrays.stream(PROBES).map(PathPatternRequestMatcher.withDefaults()::matcher).toList());
		return http
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers(probes).permitAll();
				requests.requestMatchers("/actuator/health", "/error").permitAll();
				if (prometheusOpen) {
					requests.requestMatchers("/actuator/prometheus").permitAll();
				}
				// Reading is the actuator role; anything that changes state (a logger's level) is
				// a role of its own, which a read-only dashboard token does not hold.
				requests.requestMatchers(HttpMethod.GET, "/actuator/**").hasAuthority(Roles.ACTUATOR);
				requests.requestMatchers("/actuator/**").hasAuthority(Roles.ACTUATOR_WRITE);
				requests.anyRequest().authenticated();
			})
			.addFilterBefore(new ApiTokenFilter(new ProviderManager(tokens), probes), AuthorizationFilter.class)
			.exceptionHandling((errors) -> errors.authenticationEntryPoint(ErrorResponses.UNAUTHORIZED)
				.accessDeniedHandler(ErrorResponses.FORBIDDEN))
			.build();
	}

}
