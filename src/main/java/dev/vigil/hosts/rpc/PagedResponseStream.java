package dev.vigil.hosts.rpc;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * A server stream fed page by page, and only as fast as the client reads: the next page is read
 * from the database when the previous one has been sent and the transport is ready for more.
 * Memory stays at one page whatever the result size, and no connection is held between pages.
 * An empty page ends the stream, or, for a following stream, pauses it until {@link #resume()}.
 */
final class PagedResponseStream<T> {

	private final ServerCallStreamObserver<T> call;

	private final Supplier<List<T>> pages;

	private final String method;

	private final Executor sender;

	private boolean follows;

	private final ArrayDeque<T> buffer = new ArrayDeque<>();

	private boolean done;

	/**
	 * Whether the stream may send yet: a following stream waits for its first {@link #resume()},
	 * so that nothing goes out before the call's first message is read, however early the
	 * transport says it is ready.
	 */
	private boolean resumed;

	private PagedResponseStream(ServerCallStreamObserver<T> call, Supplier<List<T>> pages, String method,
			boolean follows, Executor sender) {
		this.call = call;
		this.pages = pages;
		this.method = method;
		this.sender = sender;
		this.follows = follows;
		this.resumed = !follows;
	}

	/**
	 * Streams the pages to the call; an empty page ends the stream. Call from the RPC handler: the
	 * first page goes out now, the rest as the client reads.
	 */
	static <T> void start(String method, StreamObserver<T> observer, Supplier<List<T>> pages) {
		open(method, observer, pages, false, () -> {
		}, Runnable::run).pump();
	}

	/**
	 * Streams the pages to the call; an empty page pauses the stream until {@link #resume()}. The
	 * caller starts it with {@link #resume()} and ends it with {@link #fail} or
	 * {@link #endWhenIdle()}, or the client by cancelling; {@code ended} runs once the call is over,
	 * however it ended. Call from the RPC handler, which installs the call's handlers. The pages
	 * are read and sent on {@code sender}, whatever thread resumes the stream or says it is ready.
	 */
	static <T> PagedResponseStream<T> following(String method, StreamObserver<T> observer, Supplier<List<T>> pages,
			Runnable ended, Executor sender) {
		return open(method, observer, pages, true, ended, sender);
	}

	private static <T> PagedResponseStream<T> open(String method, StreamObserver<T> observer, Supplier<List<T>> pages,
			boolean follows, Runnable ended, Executor sender) {
		ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) observer;
		PagedResponseStream<T> stream = new PagedResponseStream<>(call, pages, method, follows, sender);
		call.setOnCancelHandler(() -> {
			stream.cancelled();
			ended.run();
		});
		call.setOnCloseHandler(ended);
		call.setOnReadyHandler(() -> sender.execute(stream::pump));
		return stream;
	}

	/** Sends what the pages have now, from any thread. */
	void resume() {
		synchronized (this) {
			this.resumed = true;
		}
		this.sender.execute(this::pump);
	}

	/** From now on an empty page ends the stream, as a non-following one. */
	synchronized void endWhenIdle() {
		this.follows = false;
	}

	/** Ends the stream with an error, unless it has ended already. */
	synchronized void fail(StatusRuntimeException status) {
		if (!this.done) {
			this.done = true;
			this.call.onError(status);
		}
	}

	private synchronized void cancelled() {
		this.done = true;
	}

	// gRPC runs the handler, the ready handler and the cancel handler of one call one at a time; a
	// following stream is also resumed from other threads, hence the lock.
	private synchronized void pump() {
		if (this.done || !this.resumed) {
			return;
		}
		try {
			while (this.call.isReady()) {
				if (this.buffer.isEmpty()) {
					List<T> page = this.pages.get();
					if (page.isEmpty()) {
						if (!this.follows) {
							this.done = true;
							this.call.onCompleted();
						}
						return;
					}
					this.buffer.addAll(page);
				}
				this.call.onNext(this.buffer.poll());
			}
		}
		catch (RuntimeException ex) {
			this.done = true;
			this.call.onError(GrpcErrors.toStatus(this.method, ex));
		}
	}

}
