package dev.vigil.tracing;

import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * The spans of incoming calls, as Spring Boot makes them, without an annotation per gRPC message.
 * The gRPC observation records an event for every message a call sends or receives, and the span
 * keeps each as an annotation until it ends: a WatchHosts stream lives for hours and would gather
 * one for every entry of every snapshot, held in memory and copied as the list grows. The call's
 * span keeps its start, end, status and tags.
 */
@AutoConfiguration(after = BraveAutoConfiguration.class, before = MicrometerTracingAutoConfiguration.class)
@ConditionalOnBean({ Tracer.class, Propagator.class })
class CallSpansAutoConfiguration {

	/** In place of Spring Boot's handler of incoming calls, in its place among the tracing handlers. */
	@Bean
	@Order(MicrometerTracingAutoConfiguration.RECEIVER_TRACING_OBSERVATION_HANDLER_ORDER)
	PropagatingReceiverTracingObservationHandler<ReceiverContext<?>> propagatingReceiverTracingObservationHandler(
			Tracer tracer, Propagator propagator) {
		return new WithoutMessageEvents(tracer, propagator);
	}

	/** Spring Boot's handler of incoming calls, which annotates no gRPC message. */
	static final class WithoutMessageEvents extends PropagatingReceiverTracingObservationHandler<ReceiverContext<?>> {

		WithoutMessageEvents(Tracer tracer, Propagator propagator) {
			super(tracer, propagator);
		}

		@Override
		public void onEvent(Observation.Event event, ReceiverContext<?> context) {
			if (!(context instanceof GrpcServerObservationContext)) {
				super.onEvent(event, context);
			}
		}

	}

}
