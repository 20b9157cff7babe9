package dev.vigil.doors.grpc;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micrometer.core.instrument.MeterRegistry;

import dev.vigil.health.HealthEvaluator;
import dev.vigil.hosts.HostsApi;
import dev.vigil.hosts.SnapshotsApi;
import dev.vigil.security.HealthDetailsPolicy;
import dev.vigil.support.RunningServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gRPC door: {@code router_hosts.v1.HostsService} (its health RPCs here, its host RPCs from the
 * hosts component) and {@code grpc.health.v1.Health}.
 * Spring Boot's own gRPC health service is switched off ({@code spring.grpc.server.health.enabled});
 * it polls contributors on a timer and knows nothing of groups.
 */
@Configuration(proxyBeanMethods = false)
class GrpcHealthConfiguration {

	/** Replaces Spring Boot's handler of the same kind: gRPC calls are timed, their stream messages not counted. */
	@Bean
	CallMeterObservationHandler callMeterObservationHandler(MeterRegistry meters) {
		return new CallMeterObservationHandler(meters);
	}

	@Bean
	HealthStatusManager grpcHealthStatusManager() {
		return new HealthStatusManager();
	}

	@Bean
	EndlessStreams grpcEndlessStreams() {
		return new EndlessStreams();
	}

	@Bean
	BindableService grpcHealthService(HealthStatusManager manager, EndlessStreams endlessStreams) {
		return () -> ServerInterceptors.intercept(manager.getHealthService(), endlessStreams);
	}

	@Bean
	GrpcHealthStatusPublisher grpcHealthStatusPublisher(HealthStatusManager manager, HealthEvaluator evaluator,
			EndlessStreams endlessStreams) {
		return new GrpcHealthStatusPublisher(manager, evaluator, endlessStreams);
	}

	@Bean
	HostsServiceBinding hostsService(HealthEvaluator evaluator, RunningServer server, JsonMapper json,
			ObjectProvider<HealthDetailsPolicy> detailsPolicy, HostsApi hosts, SnapshotsApi snapshots,
			EndlessStreams endlessStreams) {
		return new HostsServiceBinding(evaluator, new HealthResponseMapper(server, json),
				detailsPolicy.getIfAvailable(() -> () -> true), hosts, snapshots, endlessStreams);
	}

}
