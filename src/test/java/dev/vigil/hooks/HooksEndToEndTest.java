package dev.vigil.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.ComponentHealth;
import dev.vigil.api.routerhosts.v1.HealthResponse;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.testing.Channels;
import dev.vigil.testing.Doors;
import dev.vigil.testing.SystemCommands;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hooks behind a running Vigil: host changes render the hosts file, renders trigger real hook
 * processes, and every door reports their outcomes.
 */
@VigilTest
class HooksEndToEndTest {

	static final Path WORK = Path.of("target/test-data/hooks-e2e").toAbsolutePath();

	static final Path RUNS = WORK.resolve("runs.log");

	static final Path ALERTS = WORK.resolve("alerts.log");

	static final Path FAIL_FLAG = WORK.resolve("fail");

	static final Path HOSTS_FILE = WORK.resolve("hosts");

	@LocalServerPort
	int httpPort;

	@Autowired
	GrpcServerLifecycle grpcServer;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	ManagedChannel channel;

	@DynamicPropertySource
	static void hooks(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:sqlite:target/test-data/hooks-e2e.db");
		registry.add("vigil.hosts.file.path", HOSTS_FILE::toString);
		registry.add("vigil.hooks.on-success[0].name", () -> "record");
		// Slow enough that renders arrive while it runs; fails while the flag file exists.
		registry.add("vigil.hooks.on-success[0].command", () -> "echo \"$VIGIL_EVENT $VIGIL_ENTRY_COUNT\" >> '" + RUNS
				+ "'; sleep 0.5; [ ! -e '" + FAIL_FLAG + "' ]");
		registry.add("vigil.hooks.on-failure[0].name", () -> "alert");
		registry.add("vigil.hooks.on-failure[0].command",
				() -> "printf '%s %s\\n' \"$ROUTER_HOSTS_EVENT\" \"$VIGIL_ERROR\" >> '" + ALERTS + "'");
	}

	@BeforeAll
	static void cleanWorkDirectory() throws IOException {
		SystemCommands.assume("setsid", "util-linux");
		FileSystemUtils.deleteRecursively(WORK);
		Files.createDirectories(WORK);
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		if (this.channel != null) {
			Channels.close(this.channel);
		}
	}

	@Test
	void rendersRunHooksInCoalescedBatchesAndEveryDoorReportsTheirOutcome() throws Exception {
		this.channel = Channels.local(this.grpcServer.getPort());
		this.jdbc.update("DELETE FROM host_entries");
		// The first render after startup runs the success hooks once, whatever it found.
		await().atMost(Duration.ofSeconds(20)).until(() -> executions("record") == 1);
		assertThat(lines(RUNS)).hasSize(1).allMatch((line) -> line.startsWith("success "));

		double written = writes("written");
		for (int i = 1; i <= 100; i++) {
			add(i);
		}
		// The render that saw all 100 entries is the last trigger; nothing can replace its batch.
		await().atMost(Duration.ofSeconds(60))
			.until(() -> lines(RUNS).get(lines(RUNS).size() - 1).equals("success 100")
					&& executions("record") - 1 + coalesced() == writes("written") - written);
		double batches = executions("record") - 1;
		assertThat(batches).isLessThanOrEqualTo(25);
		assertThat(lines(RUNS)).hasSize((int) batches + 1);

		try (Doors doors = new Doors(this.httpPort, this.grpcServer.getPort())) {
			assertThat(doors.get("/actuator/health/hooks").body()).contains("\"status\":\"UP\"")
				.contains("\"hookNames\":[\"record\",\"alert\"]")
				.contains("\"lastStatus\":\"success\"")
				.contains("\"lastStatus\":\"never-run\"");
			HealthResponse health = doors.health();
			assertThat(health.getHooks().getConfiguredCount()).isEqualTo(2);
			assertThat(health.getHooks().getHookNamesList()).containsExactly("record", "alert");
			assertThat(component(health).getStatus()).isEqualTo("UP");
			assertThat(component(health).getDetailsMap().get("hookNames")).isEqualTo("[\"record\",\"alert\"]");
			String metrics = doors.get("/actuator/prometheus").body();
			assertThat(metrics)
				.contains("vigil_hook_executions_total{name=\"record\",status=\"success\",type=\"on-success\"} "
						+ (batches + 1))
				.contains("vigil_hook_runs_coalesced_total{type=\"on-success\"} " + coalesced())
				.contains("vigil_hook_duration_seconds_count{name=\"record\",type=\"on-success\"} " + (long) (batches + 1) + "\n");

			// A success hook that fails: DEGRADED on every door that shows components, still ready.
			Files.createFile(FAIL_FLAG);
			add(101);
			await().atMost(Duration.ofSeconds(20)).until(() -> executions("record", "failure") == 1);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(component(doors.health()).getStatus()).isEqualTo("DEGRADED"));
			assertThat(component(doors.health()).getReason()).isEqualTo("on-success/record: failed with exit code 1");
			assertThat(doors.get("/actuator/health/hooks").body()).contains("\"status\":\"DEGRADED\"")
				.contains("\"consecutiveFailures\":1");
			assertThat(doors.get("/actuator/health").body()).endsWith(",\"status\":\"DEGRADED\"}");
			assertThat(doors.status("/actuator/health")).isEqualTo(200);
			assertThat(doors.read().readyz()).isEqualTo(200);
			assertThat(doors.get("/actuator/prometheus").body())
				.contains("vigil_hook_executions_total{name=\"record\",status=\"failure\",type=\"on-success\"} 1.0");

			Files.delete(FAIL_FLAG);
			add(102);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(component(doors.health()).getStatus()).isEqualTo("UP"));

			// A render that fails runs the failure hooks with its error; the old file stays.
			Files.delete(HOSTS_FILE);
			Files.createDirectories(HOSTS_FILE.resolve("in-the-way"));
			add(103);
			await().atMost(Duration.ofSeconds(20)).until(() -> !lines(ALERTS).isEmpty());
			assertThat(lines(ALERTS).get(0)).startsWith("failure ").contains(HOSTS_FILE.toString());
			await().atMost(Duration.ofSeconds(10)).until(() -> executions("alert", "success") >= 1);
			assertThat(doors.get("/actuator/health/hostsFile").body()).contains("\"status\":\"DEGRADED\"");

			// Once the file can be written again, the retried render runs the success hooks.
			FileSystemUtils.deleteRecursively(HOSTS_FILE);
			await().atMost(Duration.ofSeconds(30)).until(() -> lines(RUNS).contains("success 103"));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(doors.get("/actuator/health/hostsFile").body()).contains("\"status\":\"UP\""));
		}
	}

	private void add(int i) {
		HostsServiceGrpc.newBlockingStub(this.channel)
			.addHost(AddHostRequest.newBuilder()
				.setIpAddress("10.9." + (i / 250) + "." + (i % 250))
				.setHostname("hook" + i + ".example")
				.build());
	}

	private static ComponentHealth component(HealthResponse health) {
		return health.getComponentsList()
			.stream()
			.filter((component) -> component.getName().equals("hooks"))
			.findFirst()
			.orElseThrow();
	}

	private double executions(String name) {
		return Search.in(this.meters)
			.name("vigil.hook.executions")
			.tag("name", name)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private double executions(String name, String status) {
		return this.meters.get("vigil.hook.executions").tag("name", name).tag("status", status).counter().count();
	}

	private double coalesced() {
		return this.meters.get("vigil.hook.runs.coalesced").tag("type", "on-success").counter().count();
	}

	private double writes(String result) {
		return Search.in(this.meters)
			.name("vigil.hosts.file.writes")
			.tag("result", result)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private static List<String> lines(Path file) throws IOException {
		return Files.exists(file) ? Files.readAllLines(file) : List.of();
	}

}
