package dev.vigil.doors.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.vigil.health.GroupHealth;
import dev.vigil.health.HealthEvaluator;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.handler.AbstractHandlerExceptionResolver;

/**
 * Answers 404 for a health path whose first unknown name is not its last
 * ({@code /actuator/health/nothing/here}). The health endpoint answers 404 for
 * {@code /actuator/health/nothing} but fails an assertion for the longer path, which leaves the
 * servlet as a 500 that Tomcat logs as an ERROR with a stack trace. Only a path that names no
 * component is answered here; any other failure goes on as the server error it is. A bean of this
 * type is picked up by the management port's own dispatcher too.
 */
@Component
class UnknownHealthPathResolver extends AbstractHandlerExceptionResolver {

	private static final EndpointId HEALTH = EndpointId.of("health");

	private final HealthEvaluator evaluator;

	private final PathMappedEndpoints endpoints;

	UnknownHealthPathResolver(HealthEvaluator evaluator, PathMappedEndpoints endpoints) {
		this.evaluator = evaluator;
		this.endpoints = endpoints;
		setOrder(Ordered.HIGHEST_PRECEDENCE);
	}

	@Override
	protected ModelAndView doResolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!(ex instanceof IllegalStateException) || !namesNoHealthComponent(request.getRequestURI())) {
			return null;
		}
		try {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
		}
		catch (IOException writeFailed) {
			throw new UncheckedIOException(writeFailed);
		}
		return new ModelAndView();
	}

	/** True for a path below the health endpoint that, past an optional group, names no component. */
	private boolean namesNoHealthComponent(String uri) {
		String health = this.endpoints.getPath(HEALTH);
		int at = (health != null) ? uri.indexOf(health + "/") : -1;
		if (at < 0) {
			return false;
		}
		List<String> names = Arrays.asList(uri.substring(at + health.length() + 1).split("/"));
		GroupHealth scope = this.evaluator.overall();
		if (this.evaluator.groupNames().contains(names.get(0))) {
			scope = this.evaluator.requiredGroup(names.get(0));
			names = names.subList(1, names.size());
		}
		String named = String.join("/", names);
		return scope.components()
			.stream()
			.noneMatch((component) -> component.name().equals(named) || component.name().startsWith(named + "/"));
	}

}
