package dev.vigil.security;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.api.routerhosts.v1.LivenessRequest;
import dev.vigil.testing.CapturedLog;
import dev.vigil.testing.Channels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The gRPC access log as its readers see it, with the access rules on: a line for each call that
 * changes something and for each refusal, naming the caller as the rules saw it; none for reads,
 * probes and grpc.health.v1; never a token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.port=0", "spring.datasource.url=jdbc:sqlite:target/test-data/access-log.db",
				"vigil.hosts.file.path=target/test-data/access-log-hosts", "vigil.security.max-failed-attempts=100000" })
class GrpcAccessLogTest {

	static final Caller READER = Caller.withToken("reader", "token-access-log-reader");

	static final Caller WRITER = Caller.withToken("writer", "token-access-log-writer");

	@DynamicPropertySource
	static void tokens(DynamicPropertyRegistry registry) {
		registry.add("vigil.security.tokens[0].name", () -> "reader");
		registry.add("vigil.security.tokens[0].sha256", () -> Caller.sha256(READER.token()));
		registry.add("vigil.security.tokens[0].roles", () -> "hosts:read");
		registry.add("vigil.security.tokens[1].name", () -> "writer");
		registry.add("vigil.security.tokens[1].sha256", () -> Caller.sha256(WRITER.token()));
		registry.add("vigil.security.tokens[1].roles", () -> "hosts:read,hosts:write");
	}

	@Autowired
	GrpcServerLifecycle grpcServer;

	private CapturedLog logged;

	private ManagedChannel channel;

	@BeforeEach
	void open() {
		this.logged = CapturedLog.only("vigil.grpc.access", Level.INFO);
		this.channel = Channels.local(this.grpcServer.getPort());
	}

	@AfterEach
	void close() throws InterruptedException {
		this.logged.close();
		Channels.close(this.channel);
	}

	@Test
	void writesAndRefusalsAreLoggedWithTheCallerReadsAndProbesAreNot() {
		HostsServiceGrpc.newBlockingStub(this.channel).liveness(LivenessRequest.getDefaultInstance());
		HealthGrpc.newBlockingStub(this.channel).check(HealthCheckRequest.newBuilder().setService("readiness").build());
		hosts(READER, (stub) -> stub.listHosts(ListHostsRequest.getDefaultInstance()).forEachRemaining((entry) -> {
		}));
		assertThat(lines()).as("probes, grpc.health.v1 and reads").isEmpty();

		hosts(WRITER, (stub) -> stub.addHost(host("10.3.0.1")));
		assertThat(refusal(READER, host("10.3.0.2"))).isEqualTo(Status.Code.PERMISSION_DENIED);
		assertThat(refusal(Caller.ANONYMOUS, host("10.3.0.3"))).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(refusal(WRITER, host("not-an-address"))).isEqualTo(Status.Code.INVALID_ARGUMENT);

		List<String> lines = lines();
		assertThat(lines).hasSize(4);
		String addHost = "grpc.access method=router_hosts.v1.HostsService/AddHost ";
		assertThat(lines.get(0)).startsWith(addHost + "caller=writer peer=/127.0.0.1:").contains(" status=OK durationMs=");
		assertThat(lines.get(1)).startsWith(addHost + "caller=reader ").contains(" status=PERMISSION_DENIED ");
		assertThat(lines.get(2)).startsWith(addHost + "caller=anonymous ").contains(" status=UNAUTHENTICATED ");
		assertThat(lines.get(3)).startsWith(addHost + "caller=writer ").contains(" status=INVALID_ARGUMENT ");
		assertThat(String.join("\n", lines)).doesNotContain(READER.token(), WRITER.token(), "10.3.0");
	}

	private List<String> lines() {
		return this.logged.lines();
	}

	private void hosts(Caller caller, Consumer<HostsServiceGrpc.HostsServiceBlockingStub> call) {
		Channel authenticated = (caller.token() != null) ? caller.on(this.channel) : this.channel;
		call.accept(HostsServiceGrpc.newBlockingStub(authenticated));
	}

	private Status.Code refusal(Caller caller, AddHostRequest request) {
		StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
				() -> hosts(caller, (stub) -> stub.addHost(request)));
		return refused.getStatus().getCode();
	}

	private static AddHostRequest host(String address) {
		return AddHostRequest.newBuilder().setIpAddress(address).setHostname("logged-" + UUID.randomUUID() + ".example").build();
	}

}
