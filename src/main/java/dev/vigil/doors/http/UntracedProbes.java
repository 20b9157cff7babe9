package dev.vigil.doors.http;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The probes ({@code /livez}, {@code /readyz} and the health endpoint with its groups, wherever
 * the management base path and the endpoint's mapping put it) make no observation, so neither a
 * span nor a request timer: a kubelet calls them every few seconds on every pod, and would drown a
 * trace collector. Every other HTTP request is observed as usual.
 */
@Component
class UntracedProbes implements ObservationPredicate {

	/** The health endpoint's path as configured, found at the first request. */
	private final Supplier<String> healthPath;

	UntracedProbes(ObjectProvider<PathMappedEndpoints> endpoints) {
		this.healthPath = SingletonSupplier.of(() -> {
			PathMappedEndpoints mapped = endpoints.getIfAvailable();
			String path = (mapped != null) ? mapped.getPath(EndpointId.of("health")) : null;
			return (path != null) ? path : "/actuator/health";
		});
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		if (!(context instanceof ServerRequestObservationContext request)) {
			return true;
		}
		String path = request.getCarrier().getRequestURI();
		String health = this.healthPath.get();
		return !(path.equals(ProbeEndpoints.LIVEZ) || path.equals(ProbeEndpoints.READYZ) || path.equals(health)
				|| path.startsWith(health + "/"));
	}

}
