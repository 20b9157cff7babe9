package bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.grpc.stub.StreamObserver;

import dev.vigil.api.routerhosts.v1.ExportHostsRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.WatchHostsRequest;
import dev.vigil.api.routerhosts.v1.WatchHostsResponse;

/**
 * Reads a server stream to its end with the async stub, counting what arrives: a client that
 * reads as fast as messages come, so the figure is the server's.
 */
final class StreamReader {

	private StreamReader() {
	}

	/** Messages in the whole stream. */
	static <Q, R> int read(BiConsumer<Q, StreamObserver<R>> call, Q request) {
		AtomicInteger count = new AtomicInteger();
		CompletableFuture<Void> done = new CompletableFuture<>();
		call.accept(request, observer(done, (response) -> count.incrementAndGet()));
		done.orTimeout(60, TimeUnit.SECONDS).join();
		return count.get();
	}

	/** Bytes of an export in the hosts format. */
	static long export(HostsServiceGrpc.HostsServiceStub hosts) {
		AtomicLong bytes = new AtomicLong();
		CompletableFuture<Void> done = new CompletableFuture<>();
		hosts.exportHosts(ExportHostsRequest.newBuilder().setFormat("hosts").build(),
				observer(done, (response) -> bytes.addAndGet(response.getChunk().size())));
		done.orTimeout(60, TimeUnit.SECONDS).join();
		return bytes.get();
	}

	/** Entries in one WatchHosts snapshot, without follow. */
	static int snapshot(HostsServiceGrpc.HostsServiceStub hosts) {
		AtomicInteger count = new AtomicInteger();
		CompletableFuture<Void> done = new CompletableFuture<>();
		hosts.watchHosts(observer(done, (WatchHostsResponse response) -> {
			if (response.hasEntry()) {
				count.incrementAndGet();
			}
		})).onNext(WatchHostsRequest.getDefaultInstance());
		done.orTimeout(60, TimeUnit.SECONDS).join();
		return count.get();
	}

	private static <R> StreamObserver<R> observer(CompletableFuture<Void> done, Consumer<R> each) {
		return new StreamObserver<>() {
			@Override
			public void onNext(R response) {
				each.accept(response);
			}

			@Override
			public void onError(Throwable failure) {
				done.completeExceptionally(failure);
			}

			@Override
			public void onCompleted() {
				done.complete(null);
			}
		};
	}

}
