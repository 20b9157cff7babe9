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

	private final HealthDetailsPolicy detailsPolicy;

	HostsHealthService(HealthEvaluator evaluator, HealthResponseMapper mapper, HealthDetailsPolicy detailsPolicy) {
		this.evaluator = evaluator;
		this.mapper = mapper;
		this.detailsPolicy = detailsPolicy;
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

	/**
	 * Health: every component, in the seed's sections and in {@code components}; for a caller the
	 * policy keeps from details, only the overall verdict, server info and each component's status.
	 */
	public void health(StreamObserver<HealthResponse> responses) {
		GroupHealth overall = this.evaluator.overall();
		reply(responses, this.detailsPolicy.showDetails()
				? this.mapper.toResponse(overall, this.evaluator.requiredGroup(HealthEvaluator.READINESS))
				: this.mapper.toStatusOnly(overall));
	}

	private static <T> void reply(StreamObserver<T> responses, T response) {
		responses.onNext(response);
		responses.onCompleted();
	}

}
