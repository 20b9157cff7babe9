package dev.vigil.doors.http;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * The probes ({@code /livez}, {@code /readyz} and the health endpoint with its groups) make no
 * observation, so neither a span nor a request timer: a kubelet calls them every few seconds on
 * every pod, and would drown a trace collector. Every other HTTP request is observed as usual.
 */
@Component
class UntracedProbes implements ObservationPredicate {

	@Override
	public boolean test(String name, Observation.Context context) {
		if (!(context instanceof ServerRequestObservationContext request)) {
			return true;
		}
		String path = request.getCarrier().getRequestURI();
		return !(path.equals("/livez") || path.equals("/readyz") || path.equals("/actuator/health")
				|| path.startsWith("/actuator/health/"));
	}

}
