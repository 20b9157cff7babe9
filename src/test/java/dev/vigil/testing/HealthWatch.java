package dev.vigil.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.grpc.Channel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;

/**
 * A {@code grpc.health.v1.Health/Watch} stream that records every status it is sent.
 */
public final class HealthWatch {

	private HealthWatch() {
	}

	/** Starts watching; the list fills as statuses arrive and stops when the stream ends. */
	public static List<ServingStatus> watch(Channel channel, String service) {
		List<ServingStatus> seen = new CopyOnWriteArrayList<>();
		HealthGrpc.newStub(channel)
			.watch(HealthCheckRequest.newBuilder().setService(service).build(), new StreamObserver<>() {
				@Override
				public void onNext(HealthCheckResponse response) {
					seen.add(response.getStatus());
				}

				@Override
				public void onError(Throwable error) {
					// The stream ends when the server stops; what was seen until then is the record.
				}

				@Override
				public void onCompleted() {
				}
			});
		return seen;
	}

}
