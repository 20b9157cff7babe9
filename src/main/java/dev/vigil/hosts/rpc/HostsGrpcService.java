package dev.vigil.hosts.rpc;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.AddHostResponse;
import dev.vigil.api.routerhosts.v1.CompactAggregatesRequest;
import dev.vigil.api.routerhosts.v1.CompactAggregatesResponse;
import dev.vigil.api.routerhosts.v1.CompactedAggregate;
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
import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ImportHostsRequest;
import dev.vigil.api.routerhosts.v1.ImportHostsResponse;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.api.routerhosts.v1.ListHostsResponse;
import dev.vigil.api.routerhosts.v1.ListSnapshotsRequest;
import dev.vigil.api.routerhosts.v1.ListSnapshotsResponse;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotRequest;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotResponse;
import dev.vigil.api.routerhosts.v1.SearchHostsRequest;
import dev.vigil.api.routerhosts.v1.SearchHostsResponse;
import dev.vigil.api.routerhosts.v1.UpdateHostRequest;
import dev.vigil.api.routerhosts.v1.UpdateHostResponse;
import dev.vigil.hosts.HostsProperties;
import dev.vigil.hosts.formats.HostsFormat;
import dev.vigil.hosts.formats.HostsImporter;
import dev.vigil.hosts.history.Compaction;
import dev.vigil.hosts.history.HostHistory;
import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostWrites;
import dev.vigil.hosts.registry.HostsException;
import dev.vigil.hosts.registry.HostsRegistry;
import dev.vigil.hosts.snapshots.Snapshot;
import dev.vigil.hosts.snapshots.Snapshots;
import dev.vigil.security.Callers;
import dev.vigil.support.ServiceDefinitions;

/**
 * {@code router_hosts.v1.HostsService} as the hosts component answers it: the host and snapshot
 * RPCs, read from and written to the registry, and WatchHosts. The gRPC door binds it, merging in
 * the health RPCs it answers from the health engine.
 */
class HostsGrpcService implements HostsServiceGrpc.AsyncService, BindableService {

	private final HostsRegistry registry;

	private final HostWrites writes;

	private final HostsImporter importer;

	private final Snapshots snapshots;

	private final HostHistory history;

	private final HostsProperties properties;

	private final WatchHostsMethod watchHosts;

	HostsGrpcService(HostsRegistry registry, HostWrites writes, HostsImporter importer, Snapshots snapshots, HostHistory history,
			HostsProperties properties, WatchHostsMethod watchHosts) {
		this.registry = registry;
		this.writes = writes;
		this.importer = importer;
		this.snapshots = snapshots;
		this.history = history;
		this.properties = properties;
		this.watchHosts = watchHosts;
	}

	/**
	 * The service as the component answers it: WatchHosts bound with its pre-encoded responses and
	 * each call's sink status recorded against the authenticated caller; the health RPCs are the
	 * gRPC door's, which merges them in.
	 */
	@Override
	public ServerServiceDefinition bindService() {
		return ServiceDefinitions.replacing(HostsServiceGrpc.bindService(this),
				List.of(this.watchHosts.bind(Callers::current)));
	}

	@Override
	public void addHost(AddHostRequest request, StreamObserver<AddHostResponse> responses) {
		RpcReplies.unary("AddHost", responses, () -> {
			Host host = this.writes.add(HostMessages.fields(request), GrpcErrors.caller());
			return AddHostResponse.newBuilder().setId(host.id()).setEntry(HostMessages.entry(host)).build();
		});
	}

	@Override
	public void getHost(GetHostRequest request, StreamObserver<GetHostResponse> responses) {
		RpcReplies.unary("GetHost", responses, () -> GetHostResponse.newBuilder()
			.setEntry(HostMessages.entry(this.registry.get(request.getId())))
			.build());
	}

	@Override
	public void updateHost(UpdateHostRequest request, StreamObserver<UpdateHostResponse> responses) {
		RpcReplies.unary("UpdateHost", responses, () -> UpdateHostResponse.newBuilder()
			.setEntry(HostMessages.entry(
					this.writes.update(request.getId(), HostMessages.update(request), GrpcErrors.caller())))
			.build());
	}

	@Override
	public void deleteHost(DeleteHostRequest request, StreamObserver<DeleteHostResponse> responses) {
		RpcReplies.unary("DeleteHost", responses, () -> {
			this.writes.delete(request.getId(),
					request.hasExpectedVersion() ? Optional.of(request.getExpectedVersion()) : Optional.empty(),
					GrpcErrors.caller());
			return DeleteHostResponse.newBuilder().setSuccess(true).build();
		});
	}

	@Override
	public void listHosts(ListHostsRequest request, StreamObserver<ListHostsResponse> responses) {
		RpcReplies.stream("ListHosts", responses, () -> {
			if (request.getLimit() < 0 || request.getOffset() < 0) {
				throw HostsException.invalid(request.getLimit() < 0 ? "limit" : "offset", "must not be negative");
			}
			return entries(this.registry.list(request.hasFilter() ? Optional.of(request.getFilter()) : Optional.empty(),
					request.getOffset(), request.getLimit(), this.properties.pageSize()),
					(host) -> ListHostsResponse.newBuilder().setEntry(host).build());
		});
	}

	@Override
	public void searchHosts(SearchHostsRequest request, StreamObserver<SearchHostsResponse> responses) {
		RpcReplies.stream("SearchHosts", responses, () -> entries(
				this.registry.search(request.getQuery(), this.properties.pageSize()),
				(host) -> SearchHostsResponse.newBuilder().setEntry(host).build()));
	}

	@Override
	public void exportHosts(ExportHostsRequest request, StreamObserver<ExportHostsResponse> responses) {
		RpcReplies.stream("ExportHosts", responses, () -> new ExportChunks(
				HostsFormat.named(request.getFormat(), HostsFormat.HOSTS),
				this.registry.list(Optional.empty(), 0, 0, this.properties.pageSize()),
				(int) this.properties.exportChunkSize().toBytes()));
	}

	@Override
	public StreamObserver<ImportHostsRequest> importHosts(StreamObserver<ImportHostsResponse> responses) {
		return new ImportHostsCall(this.importer, responses, this.properties.importMaxSize().toBytes());
	}

	/**
	 * CompactAggregates: folds one entry's history ({@code aggregate_id}), or that of every entry
	 * with more rows than {@code over_threshold}, into one row each; {@code dry_run} only reports.
	 * A request naming neither is refused rather than read as "every entry".
	 */
	@Override
	public void compactAggregates(CompactAggregatesRequest request, StreamObserver<CompactAggregatesResponse> responses) {
		RpcReplies.unary("CompactAggregates", responses, () -> {
			if (request.getTargetCase() == CompactAggregatesRequest.TargetCase.TARGET_NOT_SET) {
				throw HostsException.invalid("target", "set aggregate_id or over_threshold");
			}
			Compaction compaction = this.history.compact(
					request.hasAggregateId() ? Optional.of(request.getAggregateId()) : Optional.empty(),
					request.getOverThreshold(), request.getDryRun());
			CompactAggregatesResponse.Builder response = CompactAggregatesResponse.newBuilder()
				.setTotalEventsReclaimed(compaction.reclaimed());
			compaction.entries()
				.forEach((entry) -> response.addCompacted(CompactedAggregate.newBuilder()
					.setAggregateId(entry.entryId())
					.setEventsBefore(entry.rowsBefore())
					.setEventsAfter(entry.rowsAfter())
					.setVersion(entry.version())));
			return response.build();
		});
	}

	@Override
	public void createSnapshot(CreateSnapshotRequest request, StreamObserver<CreateSnapshotResponse> responses) {
		RpcReplies.unary("CreateSnapshot", responses, () -> {
			Snapshot snapshot = this.snapshots.create(request.getName(), request.getTrigger());
			return CreateSnapshotResponse.newBuilder()
				.setSnapshotId(snapshot.id())
				.setCreatedAt(HostMessages.timestamp(snapshot.createdAt()))
				.setEntryCount(snapshot.entryCount())
				.build();
		});
	}

	/** Newest first; {@code limit} 0 is no limit. Both are unsigned on the wire, and read so. */
	@Override
	public void listSnapshots(ListSnapshotsRequest request, StreamObserver<ListSnapshotsResponse> responses) {
		RpcReplies.stream("ListSnapshots", responses, () -> new Pages(this.snapshots, HostMessages.unsigned(request.getOffset()),
				(request.getLimit() == 0) ? Integer.MAX_VALUE : HostMessages.unsigned(request.getLimit()), this.properties.pageSize()));
	}

	@Override
	public void rollbackToSnapshot(RollbackToSnapshotRequest request,
			StreamObserver<RollbackToSnapshotResponse> responses) {
		RpcReplies.unary("RollbackToSnapshot", responses, () -> {
			Snapshots.Rollback rollback = this.snapshots.rollback(request.getSnapshotId(), GrpcErrors.caller());
			return RollbackToSnapshotResponse.newBuilder()
				.setSuccess(true)
				.setNewSnapshotId(rollback.before().id())
				.setRestoredEntryCount(rollback.target().entryCount())
				.build();
		});
	}

	@Override
	public void deleteSnapshot(DeleteSnapshotRequest request, StreamObserver<DeleteSnapshotResponse> responses) {
		RpcReplies.unary("DeleteSnapshot", responses, () -> {
			this.snapshots.delete(request.getSnapshotId());
			return DeleteSnapshotResponse.newBuilder().setSuccess(true).build();
		});
	}

	private static dev.vigil.api.routerhosts.v1.Snapshot message(Snapshot snapshot) {
		return dev.vigil.api.routerhosts.v1.Snapshot.newBuilder()
			.setSnapshotId(snapshot.id())
			.setCreatedAt(HostMessages.timestamp(snapshot.createdAt()))
			.setEntryCount(snapshot.entryCount())
			.setTrigger(snapshot.trigger())
			.setName(snapshot.name())
			.build();
	}

	/** Pages of the list, read as the client reads; an empty page ends it. */
	private static final class Pages implements Supplier<List<ListSnapshotsResponse>> {

		private final Snapshots snapshots;

		private final int pageSize;

		private int offset;

		private int remaining;

		Pages(Snapshots snapshots, int offset, int limit, int pageSize) {
			this.snapshots = snapshots;
			this.offset = offset;
			this.remaining = limit;
			this.pageSize = pageSize;
		}

		@Override
		public List<ListSnapshotsResponse> get() {
			if (this.remaining == 0) {
				return List.of();
			}
			List<Snapshot> page = this.snapshots.page(this.offset, Math.min(this.pageSize, this.remaining));
			this.offset += page.size();
			this.remaining -= page.size();
			return page.stream()
				.map((snapshot) -> ListSnapshotsResponse.newBuilder().setSnapshot(message(snapshot)).build())
				.toList();
		}

	}

	private static <T> Supplier<List<T>> entries(Supplier<List<Host>> pages,
			Function<HostEntry, T> wrap) {
		return () -> HostMessages.messages(pages.get(), wrap);
	}

}
