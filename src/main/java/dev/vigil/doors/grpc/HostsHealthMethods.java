package dev.vigil.doors.grpc;

import java.util.List;
import java.util.Set;

import io.grpc.ServerMethodDefinition;
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
import dev.vigil.security.HealthDetailsPolicy;

/**
 * The health RPCs of {@code router_hosts.v1.HostsService} (Liveness, Readiness, Health): they read
 * the shared evaluation and do no I/O. The door merges them into the hosts component's service.
 */
class HostsHealthMethods implements HostsServiceGrpc.AsyncService {

	private static final Set<String> NAMES = Set.of(HostsServiceGrpc.getLivenessMethod().getFullMethodName(),
			HostsServiceGrpc.getReadinessMethod().getFullMethodName(),
			HostsServiceGrpc.getHealthMethod().getFullMethodName());

	private final HealthEvaluator evaluator;

	private final HealthResponseMapper mapper;

	private final HealthDetailsPolicy detailsPolicy;

	HostsHealthMethods(HealthEvaluator evaluator, HealthResponseMapper mapper, HealthDetailsPolicy detailsPolicy) {
		this.evaluator = evaluator;
		this.mapper = mapper;
		this.detailsPolicy = detailsPolicy;
	}

	/** The three methods, bound, to put in place of the component's unimplemented ones. */
	List<ServerMethodDefinition<?, ?>> methods() {
		return HostsServiceGrpc.bindService(this)
			.getMethods()
			.stream()
			.filter((method) -> NAMES.contains(method.getMethodDescriptor().getFullMethodName()))
			.<ServerMethodDefinition<?, ?>>map((method) -> method)
			.toList();
	}

	/** Liveness: whether the liveness group is serving. */
	@Override
	public void liveness(LivenessRequest request, StreamObserver<LivenessResponse> responses) {
		boolean alive = this.evaluator.requiredGroup(HealthEvaluator.LIVENESS).serving();
		reply(responses, LivenessResponse.newBuilder().setAlive(alive).build());
	}

	/** Readiness: whether the readiness group is serving and, if not, why. */
	@Override
	public void readiness(ReadinessRequest request, StreamObserver<ReadinessResponse> responses) {
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
	@Override
	public void health(HealthRequest request, StreamObserver<HealthResponse> responses) {
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
