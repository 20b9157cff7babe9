package dev.vigil.doors.grpc;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import dev.vigil.api.v1.HealthEvent;
import dev.vigil.api.v1.HealthEventsGrpc;
import dev.vigil.api.v1.ListHealthEventsRequest;
import dev.vigil.api.v1.ListHealthEventsResponse;
import dev.vigil.health.HealthTimeline;

/** {@code vigil.v1.HealthEvents}: the health timeline, read from the engine. */
class HealthEventsGrpcService extends HealthEventsGrpc.HealthEventsImplBase {

	private final HealthTimeline timeline;

	HealthEventsGrpcService(HealthTimeline timeline) {
		this.timeline = timeline;
	}

	@Override
	public void listHealthEvents(ListHealthEventsRequest request, StreamObserver<ListHealthEventsResponse> responses) {
		if (request.getComponent().length() > HealthTimeline.MAX_QUERY_LENGTH) {
			responses.onError(Status.INVALID_ARGUMENT
				.withDescription("component: must be at most " + HealthTimeline.MAX_QUERY_LENGTH + " characters")
				.asRuntimeException());
			return;
		}
		Optional<Instant> since;
		try {
			since = request.hasSince() ? Optional.of(Instant.ofEpochSecond(request.getSince().getSeconds(),
					request.getSince().getNanos())) : Optional.empty();
		}
		catch (DateTimeException ex) {
			responses.onError(Status.INVALID_ARGUMENT.withDescription("since: not a time").asRuntimeException());
			return;
		}
		Optional<String> component = request.getComponent().isEmpty() ? Optional.empty()
				: Optional.of(request.getComponent());
		HealthTimeline.Events kept = this.timeline.events(since, component);
		ListHealthEventsResponse.Builder response = ListHealthEventsResponse.newBuilder()
			.setDropped(kept.dropped())
			.setCapacity(kept.capacity());
		kept.events().forEach((event) -> response.addEvents(message(event)));
		responses.onNext(response.build());
		responses.onCompleted();
	}

	private static HealthEvent message(HealthTimeline.HealthEvent event) {
		return HealthEvent.newBuilder()
			.setAt(Timestamp.newBuilder().setSeconds(event.at().getEpochSecond()).setNanos(event.at().getNano()))
			.setComponent(event.component())
			.setStatus(event.status().getCode())
			.setPrevious(event.previous().getCode())
			.setReason(event.reason())
			.setLasted(Duration.newBuilder().setSeconds(event.lasted().getSeconds()).setNanos(event.lasted().getNano()))
			.build();
	}

}
