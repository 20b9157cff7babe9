package dev.vigil.client.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.SinkStatus;
import dev.vigil.api.routerhosts.v1.SnapshotComplete;
import dev.vigil.api.routerhosts.v1.WatchHostsRequest;
import dev.vigil.api.routerhosts.v1.WatchHostsResponse;

/**
 * One WatchHosts call seen as whole snapshots: entries are gathered until their {@code complete},
 * then handed on as one {@link HostsSnapshot}. The sink's status goes up the same stream.
 * Callbacks run on gRPC's threads.
 */
public final class SnapshotStream implements AutoCloseable {

	private volatile ClientCallStreamObserver<WatchHostsRequest> requests;

	private SnapshotStream() {
	}

	/**
	 * Opens the call: {@code follow} for a snapshot after every change, else one. Every whole
	 * snapshot goes to {@code snapshots}; the end of the call (null when it ended cleanly) to {@code ended}.
	 */
	public static SnapshotStream open(HostsServiceGrpc.HostsServiceStub stub, boolean follow, SinkStatus status,
			Consumer<HostsSnapshot> snapshots, Consumer<Throwable> ended) {
		SnapshotStream stream = new SnapshotStream();
		stub.watchHosts(new ClientResponseObserver<WatchHostsRequest, WatchHostsResponse>() {

			private final List<HostEntry> entries = new ArrayList<>();

			@Override
			public void beforeStart(ClientCallStreamObserver<WatchHostsRequest> requests) {
				stream.requests = requests;
			}

			@Override
			public void onNext(WatchHostsResponse response) {
				if (response.hasEntry()) {
					this.entries.add(response.getEntry());
					return;
				}
				if (response.hasEntries()) {
					this.entries.addAll(response.getEntries().getEntriesList());
					return;
				}
				SnapshotComplete complete = response.getComplete();
				HostsSnapshot snapshot = new HostsSnapshot(this.entries, complete.getChangeId(), complete.getContractVersion(),
						HostsSnapshot.instant(complete.getGeneratedAt()));
				this.entries.clear();
				snapshots.accept(snapshot);
			}

			@Override
			public void onError(Throwable error) {
				ended.accept(error);
			}

			@Override
			public void onCompleted() {
				ended.accept(null);
			}
		});
		// Batched: a page of entries to a message costs the server a fraction of one to each. A
		// server that does not know the field sends one to each, which reads the same.
		WatchHostsRequest.Builder first = WatchHostsRequest.newBuilder().setFollow(follow).setBatched(true);
		if (status != null) {
			first.setStatus(status);
		}
		stream.requests.onNext(first.build());
		if (!follow) {
			stream.requests.onCompleted();
		}
		return stream;
	}

	/** Sends the sink's status on the open call. */
	public void report(SinkStatus status) {
		this.requests.onNext(WatchHostsRequest.newBuilder().setStatus(status).build());
	}

	/** Ends the call from this side. */
	@Override
	public void close() {
		this.requests.cancel("sink stopped", null);
	}

}
