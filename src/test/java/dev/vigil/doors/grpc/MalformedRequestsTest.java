package dev.vigil.doors.grpc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.LivenessRequest;
import dev.vigil.api.routerhosts.v1.LivenessResponse;
import dev.vigil.testing.CapturedLog;
import dev.vigil.testing.Channels;
import dev.vigil.support.ServiceDefinitions;
import dev.vigil.testing.RawCalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A request that is not a valid message of its type, on a real server and channel: INVALID_ARGUMENT
 * naming the type and never the bytes, a count per method, and one WARN line without a stack trace
 * per caller and minute, the next one saying how many it left out. A valid request still reaches
 * its handler.
 */
class MalformedRequestsTest {

	private static final byte[] TRUNCATED_VARINT = { 0x08, (byte) 0xFF };

	private final AtomicReference<String> caller = new AtomicReference<>("operator");

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private CapturedLog logged;

	private Server server;

	private ManagedChannel channel;

	@BeforeEach
	void start() throws Exception {
		this.logged = CapturedLog.only(RefusedRequestLog.class);
		MalformedRequests guard = new MalformedRequests(this.caller::get, new RefusedRequestLog(this.meters, this.now::get));
		HostsServiceGrpc.AsyncService alive = new HostsServiceGrpc.AsyncService() {

			@Override
			public void liveness(LivenessRequest request, StreamObserver<LivenessResponse> responses) {
				responses.onNext(LivenessResponse.newBuilder().setAlive(true).build());
				responses.onCompleted();
			}

		};
		ServerServiceDefinition service = HostsServiceGrpc.bindService(alive);
		this.server = NettyServerBuilder.forPort(0)
			.addService(ServiceDefinitions.withMethods(service, guard.guard(List.copyOf(service.getMethods()))))
			.build()
			.start();
		this.channel = Channels.local(this.server.getPort());
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.logged.close();
		Channels.close(this.channel);
		this.server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
	}

	@Test
	void aMalformedRequestIsTheCallersMistakeLoggedOncePerCallerAndMinute() {
		for (int i = 0; i < 5; i++) {
			assertThatThrownBy(() -> send(HostsServiceGrpc.getAddHostMethod(), TRUNCATED_VARINT))
				.isInstanceOfSatisfying(StatusRuntimeException.class, (ex) -> {
					assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
					assertThat(ex.getStatus().getDescription())
						.isEqualTo("the request could not be read as router_hosts.v1.AddHostRequest");
				});
		}
		this.caller.set("dashboard");
		assertThatThrownBy(() -> send(HostsServiceGrpc.getLivenessMethod(), TRUNCATED_VARINT))
			.isInstanceOf(StatusRuntimeException.class);
		this.now.addAndGet(RefusedRequestLog.LOG_INTERVAL.toNanos());
		this.caller.set("operator");
		assertThatThrownBy(() -> send(HostsServiceGrpc.getAddHostMethod(), TRUNCATED_VARINT))
			.isInstanceOf(StatusRuntimeException.class);

		// The line is written on the server's thread, which may finish after the client has its status.
		await().atMost(Duration.ofSeconds(5)).until(() -> this.logged.events().size() >= 3);
		List<String> lines = this.logged.lines();
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).startsWith("grpc.request.malformed method=router_hosts.v1.HostsService/AddHost "
				+ "rpc=write kind=malformed detail=\"not a valid router_hosts.v1.AddHostRequest\" caller=operator peer=")
			.endsWith("suppressedSinceLast=0");
		assertThat(lines.get(1)).contains("caller=dashboard");
		assertThat(lines.get(2)).contains("caller=operator").endsWith("suppressedSinceLast=4");
		assertThat(this.logged.events()).allSatisfy((event) -> assertThat(event.getThrowableProxy()).isNull());
		assertThat(this.meters.get("vigil.grpc.requests.malformed")
			.tag("method", "router_hosts.v1.HostsService/AddHost")
			.counter()
			.count()).isEqualTo(6);
	}

	@Test
	void aValidRequestStillReachesItsHandler() {
		byte[] response = send(HostsServiceGrpc.getLivenessMethod(), LivenessRequest.getDefaultInstance().toByteArray());
		assertThat(response).isEqualTo(LivenessResponse.newBuilder().setAlive(true).build().toByteArray());
		assertThat(this.logged.events()).isEmpty();
	}

	private byte[] send(MethodDescriptor<?, ?> method, byte[] request) {
		return ClientCalls.blockingUnaryCall(this.channel, RawCalls.of(method),
				CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
	}

}
