package dev.vigil.doors.grpc;

import java.util.ArrayList;
import java.util.List;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.stub.StreamObserver;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.AddHostResponse;
import dev.vigil.api.routerhosts.v1.CompactAggregatesRequest;
import dev.vigil.api.routerhosts.v1.CompactAggregatesResponse;
import dev.vigil.api.routerhosts.v1.CreateSnapshotRequest;
import dev.vigil.api.routerhosts.v1.CreateSnapshotResponse;
import dev.vigil.api.routerhosts.v1.DeleteHostRequest;
import dev.vigil.api.routerhosts.v1.DeleteHostResponse;
import dev.vigil.api.routerhosts.v1.DeleteSnapshotRequest;
import dev.vigil.api.routerhosts.v1.DeleteSnapshotResponse;
import dev.vigil.api.routerhosts.v1.ExportHostsRequest;
import dev.vigil.api.routerhosts.v1.ExportHostsResponse;
import dev.vigil.api.routerhosts.v1.GetHostRequest;
import dev.vigil.api.routerhosts.v1.GetHostResponse;
import dev.vigil.api.routerhosts.v1.HealthRequest;
import dev.vigil.api.routerhosts.v1.HealthResponse;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ImportHostsRequest;
import dev.vigil.api.routerhosts.v1.ImportHostsResponse;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.api.routerhosts.v1.ListHostsResponse;
import dev.vigil.api.routerhosts.v1.ListSnapshotsRequest;
import dev.vigil.api.routerhosts.v1.ListSnapshotsResponse;
import dev.vigil.api.routerhosts.v1.LivenessRequest;
import dev.vigil.api.routerhosts.v1.LivenessResponse;
import dev.vigil.api.routerhosts.v1.ReadinessRequest;
import dev.vigil.api.routerhosts.v1.ReadinessResponse;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotRequest;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotResponse;
import dev.vigil.api.routerhosts.v1.SearchHostsRequest;
import dev.vigil.api.routerhosts.v1.SearchHostsResponse;
import dev.vigil.api.routerhosts.v1.UpdateHostRequest;
import dev.vigil.api.routerhosts.v1.UpdateHostResponse;
import dev.vigil.health.GroupHealth;
import dev.vigil.health.HealthEvaluator;
import dev.vigil.hosts.HostsApi;
import dev.vigil.hosts.SnapshotsApi;
import dev.vigil.security.Callers;
import dev.vigil.security.HealthDetailsPolicy;

/**
 * {@code router_hosts.v1.HostsService}, bound in one place: the health RPCs (Liveness, Readiness,
 * Health) read the shared evaluation here and do no I/O; the host and snapshot RPCs are the hosts
 * component's {@link HostsApi} and {@link SnapshotsApi}.
 */
class HostsServiceBinding implements HostsServiceGrpc.AsyncService, BindableService {

	private final HealthEvaluator evaluator;

	private final HealthResponseMapper mapper;

	private final HealthDetailsPolicy detailsPolicy;

	private final HostsApi hosts;

	private final SnapshotsApi snapshots;

	private final EndlessStreams endlessStreams;

	HostsServiceBinding(HealthEvaluator evaluator, HealthResponseMapper mapper, HealthDetailsPolicy detailsPolicy,
			HostsApi hosts, SnapshotsApi snapshots, EndlessStreams endlessStreams) {
		this.evaluator = evaluator;
		this.mapper = mapper;
		this.detailsPolicy = detailsPolicy;
		this.hosts = hosts;
		this.snapshots = snapshots;
		this.endlessStreams = endlessStreams;
	}

	/**
	 * The service, with WatchHosts streams ended on shutdown. WatchHosts is the hosts component's
	 * own method, whose responses go out pre-encoded; its consumer's sink status is recorded
	 * against the authenticated caller.
	 */
	@Override
	public ServerServiceDefinition bindService() {
		return ServerInterceptors.intercept(
				replacing(HostsServiceGrpc.bindService(this), this.hosts.watchHostsMethod(Callers::current)),
				this.endlessStreams);
	}

	/** {@code service} with {@code method} bound in place of the method of the same name. */
	private static ServerServiceDefinition replacing(ServerServiceDefinition service, ServerMethodDefinition<?, ?> method) {
		String name = method.getMethodDescriptor().getFullMethodName();
		ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(service.getServiceDescriptor().getName())
			.setSchemaDescriptor(service.getServiceDescriptor().getSchemaDescriptor());
		List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
		for (ServerMethodDefinition<?, ?> bound : service.getMethods()) {
			methods.add(bound.getMethodDescriptor().getFullMethodName().equals(name) ? method : bound);
		}
		methods.forEach((bound) -> descriptor.addMethod(bound.getMethodDescriptor()));
		ServerServiceDefinition.Builder replaced = ServerServiceDefinition.builder(descriptor.build());
		methods.forEach(replaced::addMethod);
		return replaced.build();
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

	@Override
	public void addHost(AddHostRequest request, StreamObserver<AddHostResponse> responses) {
		this.hosts.addHost(request, responses);
	}

	@Override
	public void getHost(GetHostRequest request, StreamObserver<GetHostResponse> responses) {
		this.hosts.getHost(request, responses);
	}

	@Override
	public void updateHost(UpdateHostRequest request, StreamObserver<UpdateHostResponse> responses) {
		this.hosts.updateHost(request, responses);
	}

	@Override
	public void deleteHost(DeleteHostRequest request, StreamObserver<DeleteHostResponse> responses) {
		this.hosts.deleteHost(request, responses);
	}

	@Override
	public void listHosts(ListHostsRequest request, StreamObserver<ListHostsResponse> responses) {
		this.hosts.listHosts(request, responses);
	}

	@Override
	public void searchHosts(SearchHostsRequest request, StreamObserver<SearchHostsResponse> responses) {
		this.hosts.searchHosts(request, responses);
	}

	@Override
	public void exportHosts(ExportHostsRequest request, StreamObserver<ExportHostsResponse> responses) {
		this.hosts.exportHosts(request, responses);
	}

	@Override
	public StreamObserver<ImportHostsRequest> importHosts(StreamObserver<ImportHostsResponse> responses) {
		return this.hosts.importHosts(responses);
	}

	@Override
	public void createSnapshot(CreateSnapshotRequest request, StreamObserver<CreateSnapshotResponse> responses) {
		this.snapshots.createSnapshot(request, responses);
	}

	@Override
	public void listSnapshots(ListSnapshotsRequest request, StreamObserver<ListSnapshotsResponse> responses) {
		this.snapshots.listSnapshots(request, responses);
	}

	@Override
	public void rollbackToSnapshot(RollbackToSnapshotRequest request,
			StreamObserver<RollbackToSnapshotResponse> responses) {
		this.snapshots.rollbackToSnapshot(request, responses);
	}

	@Override
	public void deleteSnapshot(DeleteSnapshotRequest request, StreamObserver<DeleteSnapshotResponse> responses) {
		this.snapshots.deleteSnapshot(request, responses);
	}

	@Override
	public void compactAggregates(CompactAggregatesRequest request,
			StreamObserver<CompactAggregatesResponse> responses) {
		this.hosts.compactAggregates(request, responses);
	}

	private static <T> void reply(StreamObserver<T> responses, T response) {
		responses.onNext(response);
		responses.onCompleted();
	}

}
