package dev.vigil.security;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HealthRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.doors.ipc.IpcProperties;
import dev.vigil.testing.Channels;
import dev.vigil.testing.IpcClient;
import dev.vigil.testing.LogLevels;
import dev.vigil.testing.PostgresServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every configured secret (the database password, in its property and in the URL; an API token and
 * its digest; the IPC token; a hook command) is looked for in everything Vigil says: each HTTP
 * endpoint as the actuator role sees it, refusals, the gRPC Health RPC and errors, the IPC socket,
 * and the log from startup on.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.port=0", "vigil.hosts.file.path=target/test-data/secrets-hosts",
				"vigil.models.directory=target/test-data/no-models", "vigil.ipc.enabled=true",
				"vigil.ipc.socket-path=target/test-data/ipc/secrets.sock",
				"vigil.ipc.token=" + SecretsNeverShownTest.IPC_TOKEN, "vigil.security.tokens[0].name=operator",
				"vigil.security.tokens[0].sha256=" + SecretsNeverShownTest.API_TOKEN_SHA256,
				"vigil.security.tokens[0].roles=actuator,hosts:write", "vigil.hooks.on-success[0].name=notify",
				"vigil.hooks.on-success[0].command=true " + SecretsNeverShownTest.HOOK_SECRET,
				// The whole log is searched, not only the warnings a test run prints.
				"logging.level.root=info" })
class SecretsNeverShownTest {

	static final String DB_PASSWORD = "db-Password-7731";

	static final String URL_PASSWORD = "url-Password-5519";

	static final String API_TOKEN = "api-Token-9902";

	/** SHA-256 of {@link #API_TOKEN}. */
	static final String API_TOKEN_SHA256 = "8ec45c435f22a3a30d4c709b81f96d35dfe030aee5acb8a1e918b4aa0f0480c6";

	static final String IPC_TOKEN = "ipc-Token-4406";

	static final String HOOK_SECRET = "hook-Secret-2288";

	static final List<String> SECRETS = List.of(DB_PASSWORD, URL_PASSWORD, API_TOKEN, API_TOKEN_SHA256, IPC_TOKEN,
			HOOK_SECRET);

	static final PostgresServer postgres = PostgresServer.start();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> postgres.jdbcUrl() + "?password=" + URL_PASSWORD);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> DB_PASSWORD);
	}

	@AfterAll
	static void stopDatabase() {
		postgres.close();
		// logging.level.root=info outlives this context in the shared test JVM.
		LogLevels.resetRoot();
	}

	@LocalServerPort
	int httpPort;

	@Autowired
	GrpcServerLifecycle grpcServer;

	@Autowired
	IpcProperties ipc;

	@Test
	void noDoorAndNoLogLineShowsASecret(CapturedOutput output) throws InterruptedException {
		assertThat(Caller.sha256(API_TOKEN)).isEqualTo(API_TOKEN_SHA256);
		List<String> said = new ArrayList<>();
		HttpClient http = HttpClient.newHttpClient();
		String base = "http://127.0.0.1:" + this.httpPort;
		Caller operator = Caller.withToken("operator", API_TOKEN);
		for (String path : List.of("/actuator/health", "/actuator/health/db", "/actuator/health/hooks", "/actuator/env",
				"/actuator/configprops", "/actuator/prometheus", "/actuator/info", "/actuator/metrics", "/actuator/loggers",
				"/actuator/threaddump", "/actuator/scheduledtasks", "/actuator/mappings", "/actuator/beans")) {
			var response = operator.get(http, base, path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			said.add(response.body());
		}
		assertThat(said.get(3)).as("env shows values to the actuator role, masked where secret")
			.contains("vigil.ipc.socket-path")
			.contains("******");
		assertThat(said.get(10)).as("scheduledtasks names Vigil's periodic work, as Spring Boot Admin lists it")
			.contains("\"target\":\"vigil-health-check-db\"", "\"target\":\"vigil-health-sweep\"",
					"\"target\":\"vigil-hosts-feed\"", "\"target\":\"vigil-db-pool-watch\"", "\"nextExecution\"");
		// Every metric, one by one with its tags, as Spring Boot Admin's panels read them.
		for (JsonNode name : JsonMapper.builder().build().readTree(said.get(7)).path("names")) {
			var metric = operator.get(http, base, "/actuator/metrics/" + name.asString());
			assertThat(metric.statusCode()).as(name.asString()).isEqualTo(200);
			said.add(metric.body());
		}
		said.add(Caller.withToken("guess", IPC_TOKEN).get(http, base, "/actuator/env").body());
		said.add(Caller.ANONYMOUS.get(http, base, "/actuator/health").body());
		ManagedChannel channel = Channels.local(this.grpcServer.getPort());
		try {
			said.add(HostsServiceGrpc.newBlockingStub(operator.on(channel)).health(HealthRequest.getDefaultInstance()).toString());
			try {
				HostsServiceGrpc.newBlockingStub(operator.on(channel))
					.addHost(AddHostRequest.newBuilder().setIpAddress("not-an-ip").setHostname("x").build());
			}
			catch (StatusRuntimeException ex) {
				said.add(String.valueOf(ex.getStatus()));
			}
		}
		finally {
			Channels.close(channel);
		}
		try (IpcClient client = IpcClient.connect(this.ipc.socketPath())) {
			said.add(client.healthCheck("Full").toString());
			said.add(client.request("{\"type\":\"models_request\"}").toString());
			said.add(client.request("{\"type\":\"metrics_request\"}").toString());
			said.add(client.request("{\"type\":\"handshake\",\"token\":\"x\",\"protocol_version\":1}").toString());
		}
		said.add(output.getAll());
		for (String secret : SECRETS) {
			assertThat(said).as("secret %s", secret).noneMatch((text) -> text.contains(secret));
		}
	}

}
