package dev.vigil.hosts;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Supplier;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * A server stream fed page by page, and only as fast as the client reads: the next page is read
 * from the database when the previous one has been sent and the transport is ready for more.
 * Memory stays at one page whatever the result size.
 */
final class PagedResponseStream<T> {

	private final ServerCallStreamObserver<T> call;

	private final Supplier<List<T>> pages;

	private final String method;

	private final ArrayDeque<T> buffer = new ArrayDeque<>();

	private boolean exhausted;

	private volatile boolean done;

	private PagedResponseStream(ServerCallStreamObserver<T> call, Supplier<List<T>> pages, String method) {
		this.call = call;
		this.pages = pages;
		this.method = method;
	}

	/**
	 * Streams the pages to the call; an empty page ends the stream. Call from the RPC handler: the
	 * first page goes out now, the rest as the client reads.
	 */
	static <T> void start(String method, StreamObserver<T> observer, Supplier<List<T>> pages) {
		ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) observer;
		PagedResponseStream<T> stream = new PagedResponseStream<>(call, pages, method);
		call.setOnCancelHandler(() -> stream.done = true);
		call.setOnReadyHandler(stream::pump);
		stream.pump();
	}

	// gRPC runs the handler, the ready handler and the cancel handler of one call one at a time.
	private void pump() {
		if (this.done) {
			return;
		}
		try {
			while (this.call.isReady()) {
				if (this.buffer.isEmpty()) {
					if (this.exhausted) {
						this.done = true;
						this.call.onCompleted();
						return;
					}
					List<T> page = this.pages.get();
					this.exhausted = page.isEmpty();
					this.buffer.addAll(page);
					continue;
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
