package dev.vigil.doors.grpc;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;

/**
 * Spring Boot's meters for observations, less one thing: a counter per message of a gRPC server
 * stream. Those cost a meter lookup for every entry ListHosts or WatchHosts sends (its cost:
 * {@code docs/benchmarks.md}) and say nothing the calls' own timers do not. Each call is still timed, by method and status.
 * As in place of Spring Boot's handler, {@code management.metrics.observations.ignored-meters} holds.
 */
class CallMeterObservationHandler extends DefaultMeterObservationHandler {

	CallMeterObservationHandler(MeterRegistry meters, Set<IgnoredMeters> ignored) {
		super(meters, ignored.toArray(IgnoredMeters[]::new));
	}

	@Override
	public void onEvent(Observation.Event event, Observation.Context context) {
		if (!(context instanceof GrpcServerObservationContext)) {
			super.onEvent(event, context);
		}
	}

}
