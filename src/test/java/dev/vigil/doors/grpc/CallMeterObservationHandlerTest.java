package dev.vigil.doors.grpc;

import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler.IgnoredMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler that stands in for Spring Boot's: a gRPC call is timed but its messages are not
 * counted, other observations' events are, and the meters Spring Boot's setting leaves out
 * ({@code management.metrics.observations.ignored-meters}) are left out here too.
 */
class CallMeterObservationHandlerTest {

	@Test
	void timesACallWithoutCountingItsMessages() {
		MeterRegistry meters = new SimpleMeterRegistry();
		observe(meters, Set.of(), "grpc.server", () -> new GrpcServerObservationContext((carrier, key) -> null));
		assertThat(meters.find("grpc.server").timer()).isNotNull();
		assertThat(meters.find("grpc.server").timer().count()).isEqualTo(1);
		assertThat(meters.find("grpc.server.sent").counter()).isNull();
	}

	@Test
	void countsTheEventsOfOtherObservations() {
		MeterRegistry meters = new SimpleMeterRegistry();
		observe(meters, Set.of(), "hosts.write", Observation.Context::new);
		assertThat(meters.find("hosts.write.sent").counter()).isNotNull();
	}

	@Test
	void makesALongTaskTimerUnlessSpringBootsSettingLeavesItOut() {
		MeterRegistry kept = new SimpleMeterRegistry();
		observe(kept, Set.of(), "hosts.write", Observation.Context::new);
		assertThat(kept.find("hosts.write.active").longTaskTimer()).isNotNull();

		MeterRegistry left = new SimpleMeterRegistry();
		observe(left, Set.of(IgnoredMeters.LONG_TASK_TIMER), "hosts.write", Observation.Context::new);
		assertThat(left.find("hosts.write.active").longTaskTimer()).isNull();
		assertThat(left.find("hosts.write").timer()).isNotNull();
	}

	private static void observe(MeterRegistry meters, Set<IgnoredMeters> ignored, String name,
			Supplier<? extends Observation.Context> context) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new CallMeterObservationHandler(meters, ignored));
		Observation observation = Observation.start(name, context, observations);
		observation.event(Observation.Event.of("sent"));
		observation.stop();
	}

}
