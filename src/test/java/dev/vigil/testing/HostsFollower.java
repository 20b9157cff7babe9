package dev.vigil.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.SinkStatus;
import dev.vigil.api.routerhosts.v1.WatchHostsRequest;
import dev.vigil.api.routerhosts.v1.WatchHostsResponse;

import static org.awaitility.Awaitility.await;

/**
 * A WatchHosts consumer over a real channel, as a sink runs it: it collects each snapshot (its
 * entries, then the SnapshotComplete), can report a status on the open stream, and ends the call
 * on {@link #close()}.
 */
public final class HostsFollower implements AutoCloseable {

	private final ManagedChannel channel;

	private final List<Snapshot> snapshots = new CopyOnWriteArrayList<>();

	private final List<HostEntry> current = new ArrayList<>();

	private final AtomicReference<Status> ended = new AtomicReference<>();

	private final StreamObserver<WatchHostsRequest> requests;

	private HostsFollower(int port, WatchHostsRequest first, String token) {
		this.channel = Channels.local(port);
		Channel calls = (token != null) ? Channels.withToken(this.channel, token) : this.channel;
		this.requests = HostsServiceGrpc.newStub(calls).watchHosts(new StreamObserver<>() {
			@Override
			public void onNext(WatchHostsResponse response) {
				synchronized (HostsFollower.this.current) {
					if (response.hasEntry()) {
						HostsFollower.this.current.add(response.getEntry());
						return;
					}
					HostsFollower.this.snapshots.add(new Snapshot(List.copyOf(HostsFollower.this.current),
							response.getComplete().getChangeId(), response.getComplete().getCount(),
							response.getComplete().getContractVersion(), System.nanoTime()));
					HostsFollower.this.current.clear();
				}
			}

			@Override
			public void onError(Throwable failure) {
				HostsFollower.this.ended.set(Status.fromThrowable(failure));
			}

			@Override
			public void onCompleted() {
				HostsFollower.this.ended.set(Status.OK);
			}
		});
		this.requests.onNext(first);
	}

	/** Follows the server on {@code port}: a snapshot now and after every change. */
	public static HostsFollower follow(int port) {
		return follow(port, null);
	}

	/** {@link #follow(int)} with an API token, for a server with the access rules on. */
	public static HostsFollower follow(int port, String token) {
		return new HostsFollower(port, WatchHostsRequest.newBuilder().setFollow(true).build(), token);
	}

	/** Opens WatchHosts on {@code port} with {@code first} as the first message. */
	public static HostsFollower open(int port, WatchHostsRequest first) {
		return new HostsFollower(port, first, null);
	}

	/** Sends the sink's status on the open stream. */
	public synchronized void report(SinkStatus status) {
		this.requests.onNext(WatchHostsRequest.newBuilder().setStatus(status).build());
	}

	/** Every snapshot completed so far, in order. */
	public List<Snapshot> snapshots() {
		return List.copyOf(this.snapshots);
	}

	/** Waits for a snapshot that matches, and returns the first one that does. */
	public Snapshot awaitSnapshot(Predicate<Snapshot> wanted, Duration atMost) {
		await().atMost(atMost).until(() -> this.snapshots.stream().anyMatch(wanted));
		return this.snapshots.stream().filter(wanted).findFirst().orElseThrow();
	}

	/** How the server ended the call; null while it is open. */
	public Status ended() {
		return this.ended.get();
	}

	/** Waits for the server to end the call and returns how. */
	public Status awaitEnd(Duration atMost) {
		await().atMost(atMost).until(() -> this.ended.get() != null);
		return this.ended.get();
	}

	@Override
	public void close() throws InterruptedException {
		Channels.close(this.channel);
	}

	/**
	 * One snapshot as received.
	 *
	 * @param entries the entries, in the order sent
	 * @param changeId its SnapshotComplete's change id
	 * @param count its SnapshotComplete's count
	 * @param receivedNanos when its SnapshotComplete arrived, on {@link System#nanoTime()}'s clock
	 */
	public record Snapshot(List<HostEntry> entries, String changeId, int count, String contractVersion,
			long receivedNanos) {

		/** Whether an entry has this hostname. */
		public boolean has(String hostname) {
			return this.entries.stream().anyMatch((entry) -> entry.getHostname().equals(hostname));
		}

	}

}
