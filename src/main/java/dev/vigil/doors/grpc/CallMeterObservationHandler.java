package dev.vigil.doors.grpc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;

/**
 * Spring Boot's meters for observations, less one thing: a counter per message of a gRPC server
 * stream. Those cost a meter lookup for every entry ListHosts or WatchHosts sends (its cost:
 * {@code docs/benchmarks.md}) and say nothing the calls' own timers do not. Each call is still timed, by method and status.
 */
class CallMeterObservationHandler extends DefaultMeterObservationHandler {

	CallMeterObservationHandler(MeterRegistry meters) {
		super(meters);
	}

	@Override
	public void onEvent(Observation.Event event, Observation.Context context) {
		if (!(context instanceof GrpcServerObservationContext)) {
			super.onEvent(event, context);
		}
	}

}
