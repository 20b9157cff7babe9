package dev.vigil.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ImportHostsRequest;
import dev.vigil.api.routerhosts.v1.ImportHostsResponse;

/**
 * An ImportHosts call under way over a real channel: the document is sent in chunks as soon as it
 * starts, and the call's first response (progress from inside its transaction, or its answer),
 * every response and its final status can be awaited.
 */
public final class ImportCall {

	private final CompletableFuture<ImportHostsResponse> firstResponse = new CompletableFuture<>();

	private final CompletableFuture<Status> done = new CompletableFuture<>();

	private final List<ImportHostsResponse> responses = new CopyOnWriteArrayList<>();

	private ImportCall() {
	}

	/**
	 * Sends {@code document} in chunks of {@code chunkSize} bytes, the first carrying the format,
	 * conflict mode and force; returns at once.
	 */
	public static ImportCall start(Channel channel, byte[] document, int chunkSize, String format, String mode,
			boolean force, Duration deadline) {
		ImportCall call = new ImportCall();
		StreamObserver<ImportHostsRequest> requests = HostsServiceGrpc.newStub(channel)
			.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
			.importHosts(new StreamObserver<>() {
				@Override
				public void onNext(ImportHostsResponse response) {
					call.responses.add(response);
					call.firstResponse.complete(response);
				}

				@Override
				public void onError(Throwable error) {
					call.done.complete(Status.fromThrowable(error));
				}

				@Override
				public void onCompleted() {
					call.done.complete(Status.OK);
				}
			});
		for (int start = 0; start < document.length || start == 0; start += chunkSize) {
			int end = Math.min(document.length, start + chunkSize);
			ImportHostsRequest.Builder request = ImportHostsRequest.newBuilder()
				.setChunk(ByteString.copyFrom(document, start, end - start))
				.setLastChunk(end == document.length);
			if (start == 0) {
				request.setFormat(format).setConflictMode(mode).setForce(force);
			}
			requests.onNext(request.build());
			if (end == document.length) {
				break;
			}
		}
		requests.onCompleted();
		return call;
	}

	/** The call's first response: progress once it is applying the document, or its answer. */
	public CompletableFuture<ImportHostsResponse> firstResponse() {
		return this.firstResponse;
	}

	/** The call's final status. */
	public CompletableFuture<Status> done() {
		return this.done;
	}

	/** Waits up to a minute for the call to end; returns its final status. */
	public Status await() {
		return this.done.orTimeout(60, TimeUnit.SECONDS).join();
	}

	/** Every response so far, the summary last once the call has ended. */
	public List<ImportHostsResponse> responses() {
		return this.responses;
	}

}
