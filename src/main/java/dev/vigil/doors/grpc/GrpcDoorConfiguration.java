package dev.vigil.doors.grpc;

import io.grpc.BindableService;
import io.grpc.ServerBuilder;
import io.grpc.ServerStreamTracer;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationPredicate;

import dev.vigil.health.HealthEvaluator;
import dev.vigil.health.HealthTimeline;
import dev.vigil.security.Callers;
import dev.vigil.security.GrpcMethods;
import dev.vigil.security.HealthDetailsPolicy;
import dev.vigil.support.RunningServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.ServerBuilderCustomizer;
import org.springframework.grpc.server.service.DefaultGrpcServiceDiscoverer;
import org.springframework.grpc.server.service.GrpcServiceDiscoverer;

/**
 * The gRPC door: the components' services as the servers bind them, with the health RPCs of
 * {@code router_hosts.v1.HostsService} merged in and endless streams ended on shutdown;
 * {@code grpc.health.v1.Health}, pushed from the health groups; the access log; and the call timer.
 * Spring Boot's own gRPC health service is switched off ({@code spring.grpc.server.health.enabled});
 * it polls contributors on a timer and knows nothing of groups.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GrpcDoorProperties.class)
class GrpcDoorConfiguration {

	/** Outermost: every call gets the holder of its identity before anything else runs. */
	@Bean
	@GlobalServerInterceptor
	@Order(Ordered.HIGHEST_PRECEDENCE)
	CallerHolder callerHolder() {
		return new CallerHolder();
	}

	/** Outside the access rules, so it sees every refusal of theirs as well as every answer. */
	@Bean
	@GlobalServerInterceptor
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	GrpcAccessLog grpcAccessLog(GrpcDoorProperties properties) {
		return new GrpcAccessLog(properties.accessLog(), System::nanoTime);
	}

	/**
	 * Health RPCs make no observation, so neither a span nor a timer: a kubelet or a load balancer
	 * calls them all day, and would drown a trace collector.
	 */
	@Bean
	ObservationPredicate untracedHealthRpcs() {
		return (name, context) -> !(context instanceof GrpcServerObservationContext call
				&& GrpcMethods.isHealth(call.getFullMethodName()));
	}

	/**
	 * Each call's span names its caller as the access rules authenticated it (the token's name or
	 * the certificate's subject), never a credential; high-cardinality, so it tags no timer. It is
	 * read when the call ends, on the thread that answers it.
	 */
	@Bean
	ObservationFilter callerOfEachCall() {
		return (context) -> {
			if (context instanceof GrpcServerObservationContext) {
				context.addHighCardinalityKeyValue(KeyValue.of("vigil.caller", Callers.current()));
			}
			return context;
		};
	}

	/**
	 * Replaces Spring Boot's handler of the same kind: gRPC calls are timed, their stream messages
	 * not counted; the meters Spring Boot's settings leave out stay out.
	 */
	@Bean
	CallMeterObservationHandler callMeterObservationHandler(MeterRegistry meters, MetricsProperties metrics) {
		return new CallMeterObservationHandler(meters, metrics.getObservations().getIgnoredMeters());
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
	BindableService grpcHealthService(HealthStatusManager manager) {
		return manager.getHealthService();
	}

	@Bean
	BindableService healthEventsGrpcService(HealthTimeline timeline) {
		return new HealthEventsGrpcService(timeline);
	}

	@Bean
	GrpcHealthStatusPublisher grpcHealthStatusPublisher(HealthStatusManager manager, HealthEvaluator evaluator,
			EndlessStreams endlessStreams) {
		return new GrpcHealthStatusPublisher(manager, evaluator, endlessStreams);
	}

	/** In place of Spring Boot's discoverer, which it wraps. */
	@Bean
	GrpcServiceDiscoverer grpcServiceDiscoverer(ApplicationContext context, HealthEvaluator evaluator,
			RunningServer server, JsonMapper json, ObjectProvider<HealthDetailsPolicy> detailsPolicy,
			EndlessStreams endlessStreams, RefusedRequestLog refusedRequests) {
		HostsHealthMethods health = new HostsHealthMethods(evaluator, new HealthResponseMapper(server, json),
				detailsPolicy.getIfAvailable(() -> () -> true));
		return new DoorServiceDiscoverer(new DefaultGrpcServiceDiscoverer(context), health,
				new MalformedRequests(Callers::current, refusedRequests), endlessStreams);
	}

	@Bean
	RefusedRequestLog refusedRequestLog(MeterRegistry meters) {
		return new RefusedRequestLog(meters, System::nanoTime);
	}

	/** On every gRPC server, the TLS one too: messages the transport refuses before any handler sees them. */
	@Bean
	ServerStreamTracer.Factory messageFailureTracer(RefusedRequestLog refusedRequests) {
		return new MessageFailureTracer(refusedRequests);
	}

	@Bean
	<T extends ServerBuilder<T>> ServerBuilderCustomizer<T> messageFailureTracing(
			ServerStreamTracer.Factory messageFailureTracer) {
		return (builder) -> builder.addStreamTracerFactory(messageFailureTracer);
	}

}
