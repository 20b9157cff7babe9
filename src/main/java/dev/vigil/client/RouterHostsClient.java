package dev.vigil.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;

import dev.vigil.api.routerhosts.v1.HealthRequest;
import dev.vigil.api.routerhosts.v1.HealthResponse;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.LivenessRequest;
import dev.vigil.api.routerhosts.v1.ReadinessRequest;
import dev.vigil.api.routerhosts.v1.ReadinessResponse;

/**
 * A client for {@code router_hosts.v1}, for operators and probes: the health RPCs as methods, and
 * every host RPC through {@link #hosts()}. Every call is bounded by the client's deadline and throws
 * {@link StatusRuntimeException} when the server cannot be reached or answers with an error.
 */
public final class RouterHostsClient implements AutoCloseable {

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
		return new RouterHostsClient(ManagedChannelBuilder.forTarget(target).usePlaintext().build(), deadline);
	}

	/** A plaintext client for {@code host:port} that sends an API token with every call. */
	public static RouterHostsClient connect(String target, Duration deadline, String token) {
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
		return new RouterHostsClient(ManagedChannelBuilder.forTarget(target)
			.usePlaintext()
			.intercept(MetadataUtils.newAttachHeadersInterceptor(headers))
			.build(), deadline);
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
