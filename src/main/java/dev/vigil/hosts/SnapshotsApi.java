package dev.vigil.hosts;

import java.util.List;
import java.util.function.Supplier;

import io.grpc.stub.StreamObserver;

import dev.vigil.api.routerhosts.v1.CreateSnapshotRequest;
import dev.vigil.api.routerhosts.v1.CreateSnapshotResponse;
import dev.vigil.api.routerhosts.v1.DeleteSnapshotRequest;
import dev.vigil.api.routerhosts.v1.DeleteSnapshotResponse;
import dev.vigil.api.routerhosts.v1.ListSnapshotsRequest;
import dev.vigil.api.routerhosts.v1.ListSnapshotsResponse;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotRequest;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotResponse;
import dev.vigil.hosts.rpc.GrpcErrors;
import dev.vigil.hosts.rpc.HostMessages;
import dev.vigil.hosts.rpc.RpcReplies;
import dev.vigil.hosts.snapshots.Snapshot;
import dev.vigil.hosts.snapshots.Snapshots;

/**
 * The snapshot RPCs of {@code router_hosts.v1.HostsService}: the hosts component's API for
 * them, which the gRPC door binds beside {@link HostsApi}.
 */
public class SnapshotsApi {

	private final Snapshots snapshots;

	private final int pageSize;

	SnapshotsApi(Snapshots snapshots, int pageSize) {
		this.snapshots = snapshots;
		this.pageSize = pageSize;
	}

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
	public void listSnapshots(ListSnapshotsRequest request, StreamObserver<ListSnapshotsResponse> responses) {
		RpcReplies.stream("ListSnapshots", responses, () -> new Pages(this.snapshots, clamp(request.getOffset()),
				(request.getLimit() == 0) ? Integer.MAX_VALUE : clamp(request.getLimit()), this.pageSize));
	}

	public void rollbackToSnapshot(RollbackToSnapshotRequest request,
			StreamObserver<RollbackToSnapshotResponse> responses) {
		RpcReplies.unary("RollbackToSnapshot", responses, () -> {
			Snapshots.Rollback rollback = this.snapshots.rollback(request.getSnapshotId(), GrpcErrors.checkpoint());
			return RollbackToSnapshotResponse.newBuilder()
				.setSuccess(true)
				.setNewSnapshotId(rollback.before().id())
				.setRestoredEntryCount(rollback.target().entryCount())
				.build();
		});
	}

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

	/** An unsigned wire value as an int; past the int range it means "all", as far as any list goes. */
	private static int clamp(int unsigned) {
		return (int) Math.min(Integer.toUnsignedLong(unsigned), Integer.MAX_VALUE);
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

}
