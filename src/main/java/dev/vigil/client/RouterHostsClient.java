package dev.vigil.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.google.protobuf.ByteString;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

import dev.vigil.api.routerhosts.v1.HealthRequest;
import dev.vigil.api.routerhosts.v1.HealthResponse;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ImportHostsRequest;
import dev.vigil.api.routerhosts.v1.ImportHostsResponse;
import dev.vigil.api.routerhosts.v1.LivenessRequest;
import dev.vigil.api.routerhosts.v1.ReadinessRequest;
import dev.vigil.api.routerhosts.v1.ReadinessResponse;
import dev.vigil.api.v1.HealthEventsGrpc;
import dev.vigil.api.v1.HostHistoryGrpc;

/**
 * A client for {@code router_hosts.v1}, for operators and probes: the health RPCs as methods, and
 * every host RPC through {@link #hosts()}. Every call is bounded by the client's deadline and throws
 * {@link StatusRuntimeException} when the server cannot be reached or answers with an error.
 */
public final class RouterHostsClient implements AutoCloseable {

	private static final int IMPORT_CHUNK_BYTES = 64 * 1024;

	private final ManagedChannel channel;

	private final Duration deadline;

	private final HostsServiceGrpc.HostsServiceBlockingStub stub;

	/** A client over a channel it owns, closed with the client. */
	public RouterHostsClient(ManagedChannel channel, Duration deadline) {
		this.channel = channel;
		this.deadline = deadline;
		this.stub = HostsServiceGrpc.newBlockingStub(channel);
	}

	/** A plaintext client for {@code host:port}, without credentials: enough for the health RPCs. */
	public static RouterHostsClient connect(String target, Duration deadline) {
		return connect(target, deadline, InsecureChannelCredentials.create(), null);
	}

	/** A plaintext client for {@code host:port} that sends an API token with every call. */
	public static RouterHostsClient connect(String target, Duration deadline, String token) {
		return connect(target, deadline, InsecureChannelCredentials.create(), token);
	}

	/**
	 * A client for {@code host:port} over the given transport credentials (plaintext or TLS, with or
	 * without a client certificate) that sends the API token, when there is one, with every call.
	 */
	public static RouterHostsClient connect(String target, Duration deadline, ChannelCredentials credentials,
			String token) {
		ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(target, credentials);
		if (token != null) {
			Metadata headers = new Metadata();
			headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
			builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
		}
		return new RouterHostsClient(builder.build(), deadline);
	}

	/** Whether the server's process can make progress. */
	public boolean liveness() {
		return stub().liveness(LivenessRequest.getDefaultInstance()).getAlive();
	}

	/** Whether the server should get traffic, and if not, which components fail and why. */
	public Readiness checkReadiness() {
		ReadinessResponse response = stub().readiness(ReadinessRequest.getDefaultInstance());
		return new Readiness(response.getReady(), response.getReason());
	}

	/** Every component's health. */
	public HealthResponse health() {
		return stub().health(HealthRequest.getDefaultInstance());
	}

	/** The whole service, for the host RPCs; each call made through it gets the client's deadline. */
	public HostsServiceGrpc.HostsServiceBlockingStub hosts() {
		return stub();
	}

	/** {@code vigil.v1.HostHistory}, with the client's deadline on each call. */
	public HostHistoryGrpc.HostHistoryBlockingStub history() {
		return HostHistoryGrpc.newBlockingStub(this.channel).withDeadlineAfter(this.deadline.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** {@code vigil.v1.HealthEvents}: the server's health timeline, with this client's deadline. */
	public HealthEventsGrpc.HealthEventsBlockingStub healthEvents() {
		return HealthEventsGrpc.newBlockingStub(this.channel).withDeadlineAfter(this.deadline.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * The service's asynchronous stub, for the client-streaming calls (ImportHosts, WatchHosts); it
	 * has no deadline, since a watch lasts as long as its caller wants.
	 */
	public HostsServiceGrpc.HostsServiceStub streams() {
		return HostsServiceGrpc.newStub(this.channel);
	}

	/**
	 * Imports a document (format {@code hosts}, {@code json} or {@code csv}), sent in chunks; every
	 * response (progress, then the summary) goes to {@code responses}. Returns the summary, or throws
	 * the call's error status, which for a refused import follows its summary.
	 */
	public ImportHostsResponse importHosts(byte[] document, String format, String conflictMode, boolean force,
			Consumer<ImportHostsResponse> responses) {
		AtomicReference<ImportHostsResponse> last = new AtomicReference<>();
		CompletableFuture<Void> done = new CompletableFuture<>();
		StreamObserver<ImportHostsRequest> requests = HostsServiceGrpc.newStub(this.channel)
			.withDeadlineAfter(this.deadline.toNanos(), TimeUnit.NANOSECONDS)
			.importHosts(new StreamObserver<>() {
				@Override
				public void onNext(ImportHostsResponse response) {
					last.set(response);
					responses.accept(response);
				}

				@Override
				public void onError(Throwable error) {
					done.completeExceptionally(error);
				}

				@Override
				public void onCompleted() {
					done.complete(null);
				}
			});
		int start = 0;
		do {
			int end = Math.min(document.length, start + IMPORT_CHUNK_BYTES);
			ImportHostsRequest.Builder chunk = ImportHostsRequest.newBuilder()
				.setChunk(ByteString.copyFrom(document, start, end - start))
				.setLastChunk(end == document.length);
			if (start == 0) {
				chunk.setFormat(format).setConflictMode(conflictMode).setForce(force);
			}
			requests.onNext(chunk.build());
			start = end;
		}
		while (start < document.length);
		requests.onCompleted();
		try {
			done.get();
		}
		catch (ExecutionException ex) {
			throw Status.fromThrowable(ex.getCause()).asRuntimeException();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
		}
		return last.get();
	}

	@Override
	public void close() {
		this.channel.shutdownNow();
		try {
			this.channel.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private HostsServiceGrpc.HostsServiceBlockingStub stub() {
		return this.stub.withDeadlineAfter(this.deadline.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * The answer of {@link #checkReadiness()}.
	 *
	 * @param ready whether the server is ready for traffic
	 * @param reason when not ready, {@code component: reason} for each failing component
	 */
	public record Readiness(boolean ready, String reason) {
	}

}
