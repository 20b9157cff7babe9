package dev.vigil.health.grpc;

import io.grpc.stub.StreamObserver;

import dev.vigil.api.routerhosts.v1.HealthRequest;
import dev.vigil.api.routerhosts.v1.HealthResponse;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.LivenessRequest;
import dev.vigil.api.routerhosts.v1.LivenessResponse;
import dev.vigil.api.routerhosts.v1.ReadinessRequest;
import dev.vigil.api.routerhosts.v1.ReadinessResponse;
import dev.vigil.health.GroupHealth;
import dev.vigil.health.HealthEvaluator;

/**
 * {@code router_hosts.v1.HostsService} Liveness, Readiness and Health: the liveness group, the
 * readiness group and every component, read from the shared evaluation. None of them does I/O.
 */
class HostsHealthService extends HostsServiceGrpc.HostsServiceImplBase {

	private final HealthEvaluator evaluator;

	private final HealthResponseMapper mapper;

	HostsHealthService(HealthEvaluator evaluator, HealthResponseMapper mapper) {
		this.evaluator = evaluator;
		this.mapper = mapper;
	}

	@Override
	public void liveness(LivenessRequest request, StreamObserver<LivenessResponse> responses) {
		boolean alive = this.evaluator.requiredGroup(HealthEvaluator.LIVENESS).serving();
		reply(responses, LivenessResponse.newBuilder().setAlive(alive).build());
	}

	@Override
	public void readiness(ReadinessRequest request, StreamObserver<ReadinessResponse> responses) {
		GroupHealth readiness = this.evaluator.requiredGroup(HealthEvaluator.READINESS);
		reply(responses, ReadinessResponse.newBuilder()
			.setReady(readiness.serving())
			.setReason(readiness.serving() ? "" : readiness.reason())
			.build());
	}

	@Override
	public void health(HealthRequest request, StreamObserver<HealthResponse> responses) {
		reply(responses, this.mapper.toResponse(this.evaluator.overall()));
	}

	private static <T> void reply(StreamObserver<T> responses, T response) {
		responses.onNext(response);
		responses.onCompleted();
	}

}
