package dev.vigil.doors.grpc;

import java.util.HashMap;
import java.util.Map;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.health.GroupHealth;
import dev.vigil.health.HealthChangedEvent;
import dev.vigil.health.HealthEvaluator;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * Keeps {@code grpc.health.v1} statuses equal to the health groups, pushed when the evaluation
 * changes (a component's result, an availability state) so that Watch streams see a change at
 * once. On shutdown every service but {@code liveness} goes NOT_SERVING immediately, and then
 * Watch streams are ended so they do not hold the server's graceful shutdown.
 */
class GrpcHealthStatusPublisher {

	/** Service name → the group it reports. The empty name is the server as a whole. */
	static final Map<String, String> SERVICES = Map.of(HealthEvaluator.LIVENESS, HealthEvaluator.LIVENESS,
			HealthEvaluator.READINESS, HealthEvaluator.READINESS, HostsServiceGrpc.SERVICE_NAME,
			HealthEvaluator.READINESS, HealthStatusManager.SERVICE_NAME_ALL_SERVICES, HealthEvaluator.READINESS);

	private final HealthStatusManager manager;

	private final HealthEvaluator evaluator;

	private final EndlessStreams endlessStreams;

	private boolean closing;

	GrpcHealthStatusPublisher(HealthStatusManager manager, HealthEvaluator evaluator, EndlessStreams endlessStreams) {
		this.manager = manager;
		this.evaluator = evaluator;
		this.endlessStreams = endlessStreams;
		refresh();
	}

	@EventListener({ HealthChangedEvent.class, AvailabilityChangeEvent.class, ApplicationReadyEvent.class })
	void onHealthChange() {
		refresh();
	}

	@EventListener(ContextClosedEvent.class)
	synchronized void onClose() {
		this.closing = true;
		refresh();
		this.endlessStreams.endAll();
	}

	private synchronized void refresh() {
		Map<String, Boolean> servingGroups = new HashMap<>();
		SERVICES.forEach((service, group) -> {
			boolean serving = servingGroups.computeIfAbsent(group,
					(name) -> this.evaluator.group(name).map(GroupHealth::serving).orElse(false));
			boolean keptThroughShutdown = HealthEvaluator.LIVENESS.equals(service);
			boolean up = serving && (keptThroughShutdown || !this.closing);
			this.manager.setStatus(service, up ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
		});
	}

}
