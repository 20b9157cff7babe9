package dev.vigil.health.grpc;

import io.grpc.stub.StreamObserver;

import dev.vigil.api.routerhosts.v1.HealthResponse;
import dev.vigil.api.routerhosts.v1.LivenessResponse;
import dev.vigil.api.routerhosts.v1.ReadinessResponse;
import dev.vigil.health.GroupHealth;
import dev.vigil.health.HealthEvaluator;

/**
 * The health RPCs of {@code router_hosts.v1.HostsService} (Liveness, Readiness, Health): the
 * liveness group, the readiness group and every component, read from the shared evaluation. None
 * of them does I/O. The hosts package binds the service and delegates these three calls here.
 */
public class HostsHealthService {

	private final HealthEvaluator evaluator;

	private final HealthResponseMapper mapper;

	HostsHealthService(HealthEvaluator evaluator, HealthResponseMapper mapper) {
		this.evaluator = evaluator;
		this.mapper = mapper;
	}

	/** Liveness: whether the liveness group is serving. */
	public void liveness(StreamObserver<LivenessResponse> responses) {
		boolean alive = this.evaluator.requiredGroup(HealthEvaluator.LIVENESS).serving();
		reply(responses, LivenessResponse.newBuilder().setAlive(alive).build());
	}

	/** Readiness: whether the readiness group is serving and, if not, why. */
	public void readiness(StreamObserver<ReadinessResponse> responses) {
		GroupHealth readiness = this.evaluator.requiredGroup(HealthEvaluator.READINESS);
		reply(responses, ReadinessResponse.newBuilder()
			.setReady(readiness.serving())
			.setReason(readiness.serving() ? "" : readiness.reason())
			.build());
	}

	/** Health: every component, in the seed's sections and in {@code components}. */
	public void health(StreamObserver<HealthResponse> responses) {
		reply(responses, this.mapper.toResponse(this.evaluator.overall(),
				this.evaluator.requiredGroup(HealthEvaluator.READINESS)));
	}

	private static <T> void reply(StreamObserver<T> responses, T response) {
		responses.onNext(response);
		responses.onCompleted();
	}

}
