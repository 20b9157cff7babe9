package dev.vigil.hosts.rpc;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import dev.vigil.api.routerhosts.v1.WatchHostsRequest;
import dev.vigil.hosts.registry.ChangeFeed;
import dev.vigil.hosts.registry.HostsException;

/**
 * One WatchHosts call. The first message says whether to follow; every message may carry the
 * sink's status, recorded against the caller. Without follow the call ends after one snapshot;
 * with it, each change the feed moves to (from any replica) makes another snapshot due after a
 * coalescing delay, so a burst of changes is a few snapshots. A consumer that stops reading holds
 * only a flag: snapshots are read page by page as it reads, and changes while it lags just make
 * the next one due.
 */
final class WatchHostsCall implements StreamObserver<WatchHostsRequest> {

	private static final String METHOD = "WatchHosts";

	private final String caller;

	private final WatchSnapshots snapshots;

	private final ChangeFeed feed;

	private final SinkRegistry sinks;

	private final FollowerThread thread;

	private final Duration coalesceDelay;

	private final Clock clock;

	private final PagedResponseStream<EncodedResponse> stream;

	private final AtomicBoolean snapshotScheduled = new AtomicBoolean();

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile Runnable unsubscribe = () -> {
	};

	private boolean started;

	/** Whether the call counts as a sink: it follows, or reported a status. A bare one-shot read does not. */
	private volatile boolean sink;

	/** Opens the call and installs its handlers: construct it in the RPC handler. */
	WatchHostsCall(String caller, StreamObserver<EncodedResponse> responses, WatchSnapshots snapshots,
			ChangeFeed feed, SinkRegistry sinks, FollowerThread thread, Duration coalesceDelay, Clock clock) {
		this.caller = caller;
		this.snapshots = snapshots;
		this.feed = feed;
		this.sinks = sinks;
		this.thread = thread;
		this.coalesceDelay = coalesceDelay;
		this.clock = clock;
		this.stream = PagedResponseStream.following(METHOD, responses, snapshots, this::end, thread);
	}

	@Override
	public void onNext(WatchHostsRequest request) {
		if (!this.sink && !this.ended.get() && (request.getFollow() || request.hasStatus())) {
			this.sink = true;
			this.sinks.opened(this.caller);
		}
		if (request.hasStatus()) {
			try {
				this.sinks.report(this.caller, SinkReport.of(request.getStatus(), this.clock.instant()));
			}
			catch (HostsException ex) {
				this.stream.fail(GrpcErrors.toStatus(METHOD, ex));
				return;
			}
		}
		if (!this.started) {
			this.started = true;
			this.snapshots.started();
			if (request.getBatched()) {
				this.snapshots.batched();
			}
			if (request.getFollow()) {
				this.unsubscribe = this.feed.subscribe(this::changed);
			}
			else {
				this.stream.endWhenIdle();
			}
			this.stream.resume();
		}
	}

	@Override
	public void onError(Throwable failure) {
		// The client cancelled: the stream's cancel handler ends the call.
	}

	@Override
	public void onCompleted() {
		if (!this.started) {
			this.stream.fail(Status.INVALID_ARGUMENT
				.withDescription("WatchHosts needs a first message (follow, optional status) before the client half-closes")
				.asRuntimeException());
		}
	}

	private void changed() {
		if (this.snapshotScheduled.compareAndSet(false, true)) {
			this.thread.schedule(() -> {
				this.snapshotScheduled.set(false);
				this.snapshots.due();
				this.stream.resume();
			}, this.coalesceDelay);
		}
	}

	private void end() {
		if (this.ended.compareAndSet(false, true)) {
			this.unsubscribe.run();
			this.snapshots.ended();
			if (this.sink) {
				this.sinks.closed(this.caller);
			}
		}
	}

}
