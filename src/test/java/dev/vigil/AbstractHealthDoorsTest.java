package dev.vigil;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.vigil.api.routerhosts.v1.ComponentHealth;
import dev.vigil.api.routerhosts.v1.HealthResponse;
import dev.vigil.testing.CommandRun;
import dev.vigil.testing.Doors;
import dev.vigil.testing.SwitchableCheck;
import dev.vigil.testing.SwitchableCheck.Outcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Every door on real ports, against one database backend: the doors agree under each fault, probes
 * stay fast while a check hangs, and probes never run checks.
 */
abstract class AbstractHealthDoorsTest {

	@Autowired
	SwitchableCheck switchable;

	@Autowired
	ApplicationContext context;

	Doors doors;

	/** The backend the database section should name. */
	abstract String expectedBackend();

	@BeforeEach
	void connect() {
		this.doors = Doors.of(this.context);
		awaitView((view) -> !view.readyAnswers().contains(false));
	}

	@AfterEach
	void restore() throws InterruptedException {
		this.switchable.set(Outcome.UP);
		AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
		awaitView((view) -> !view.readyAnswers().contains(false));
		this.doors.close();
	}

	@Test
	void healthyServerIsReadyAndAliveOnEveryDoor() {
		Doors.View view = this.doors.read();
		assertThat(view.readyAnswers()).containsOnly(true);
		assertThat(view.aliveAnswers()).containsOnly(true);
		assertThat(view.grpcReason()).isEmpty();
	}

	@Test
	void healthRpcReportsServerDatabaseAndEveryComponent() {
		HealthResponse health = this.doors.health();
		assertThat(health.getHealthy()).isTrue();
		assertThat(health.getServer().getVersion()).isNotBlank();
		assertThat(health.getServer().getBuildInfo()).matches("\\S+ \\(\\S+\\)");
		assertThat(health.getDatabase().getConnected()).isTrue();
		assertThat(health.getDatabase().getBackend()).isEqualTo(expectedBackend());
		assertThat(health.getDatabase().getError()).isEmpty();
		assertThat(health.getAcme().getStatus()).isEqualTo("disabled");
		assertThat(health.getAcme().getExpiresAt()).isZero();
		assertThat(health.getHooks().getConfiguredCount()).isZero();
		assertThat(health.getComponentsList()).extracting(ComponentHealth::getName)
			.contains("db", "livenessState", "readinessState", "switchable");
		ComponentHealth db = component(health, "db");
		assertThat(db.getStatus()).isEqualTo("UP");
		assertThat(db.getDetailsMap()).containsEntry("backend", expectedBackend()).containsKeys("latencyMs", "poolMax");
	}

	@Test
	void actuatorListsComponentsAndGroupsWithoutConnectionSettings() {
		String body = this.doors.get("/actuator/health").body();
		assertThat(body).contains("\"db\"", "\"backend\":\"" + expectedBackend() + "\"", "\"groups\"", "liveness",
				"readiness");
		assertThat(body).doesNotContain("jdbc:", "password");
	}

	@Test
	void unknownNamesAreNotFoundOnEveryDoor() {
		assertThat(this.doors.status("/actuator/health/no-such-group")).isEqualTo(404);
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> this.doors.grpcHealth("no.such.Service"))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
	}

	@ParameterizedTest
	@EnumSource(value = Outcome.class, names = { "DOWN", "OUT_OF_SERVICE", "THROW", "HANG" })
	void everyDoorAgreesOnAFailingComponent(Outcome fault) {
		this.switchable.set(fault);
		Doors.View view = awaitView((seen) -> !seen.grpcReady());
		assertThat(view.readyAnswers()).as("readiness on every door").containsOnly(false);
		assertThat(view.aliveAnswers()).as("a failing component never touches liveness").containsOnly(true);
		String expectedReason = switch (fault) {
			case DOWN -> "broken pipe";
			case OUT_OF_SERVICE -> "draining";
			case THROW -> "check exploded";
			default -> "timeout after 500ms";
		};
		assertThat(view.grpcReason()).isEqualTo("switchable: " + expectedReason);
		ComponentHealth failing = component(this.doors.health(), "switchable");
		assertThat(failing.getReason()).isEqualTo(expectedReason);
		assertThat(this.doors.get("/actuator/health").body())
			.contains("\"switchable\":{\"details\":{\"reason\":\"" + expectedReason + "\"},\"status\":\"" + failing.getStatus() + "\"}");
		assertThat(this.doors.get("/actuator/prometheus").body())
			.contains("vigil_health_status{component=\"switchable\"} 0.0", "vigil_health_status{group=\"readiness\"} 0.0");
	}

	@Test
	void degradedComponentKeepsEveryDoorReady() {
		this.switchable.set(Outcome.DEGRADED);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.doors.get("/actuator/health/readiness").body().contains("DEGRADED"));
		assertThat(this.doors.read().readyAnswers()).containsOnly(true);
		assertThat(this.doors.get("/readyz").body()).isEqualTo("{\"status\":\"DEGRADED\"}");
		assertThat(this.doors.health().getHealthy()).isTrue();
	}

	@Test
	void groupStatusFollowsTheStatusOrder() {
		this.switchable.set(Outcome.DEGRADED);
		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.doors.get("/actuator/health/readiness").body().contains("OUT_OF_SERVICE"));
		assertThat(this.doors.read().readyAnswers()).containsOnly(false);
		this.switchable.set(Outcome.DOWN);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.doors.get("/actuator/health/readiness").body().contains("\"DOWN\""));
		assertThat(this.doors.client().checkReadiness().reason()).contains("readinessState: OUT_OF_SERVICE",
				"switchable: broken pipe");
	}

	@Test
	void probesAnswerInMillisecondsWhileACheckHangs() {
		this.switchable.set(Outcome.HANG);
		awaitView((view) -> !view.grpcReady());
		long slowestNanos = 0;
		for (int i = 0; i < 50; i++) {
			long start = System.nanoTime();
			assertThat(this.doors.status("/readyz")).isEqualTo(503);
			assertThat(this.doors.client().checkReadiness().ready()).isFalse();
			slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
		}
		// A probe that waited on the hung check would take at least its 500ms timeout.
		assertThat(Duration.ofNanos(slowestNanos)).isLessThan(Duration.ofMillis(250));
	}

	@Test
	void probesAndScrapesNeverRunChecks() {
		int before = this.switchable.runs();
		long start = System.nanoTime();
		for (int i = 0; i < 200; i++) {
			this.doors.status("/readyz");
			this.doors.client().checkReadiness();
			this.doors.grpcHealth("readiness");
			if (i % 20 == 0) {
				this.doors.get("/actuator/prometheus");
			}
		}
		long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		// Only the 200ms interval runs the check: at most one run per interval, whatever the probe rate.
		assertThat(this.switchable.runs() - before).isLessThanOrEqualTo((int) (elapsedMillis / 200) + 2);
	}

	@Test
	void prometheusExposesHealthGauges() {
		this.switchable.set(Outcome.DEGRADED);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.doors.get("/actuator/prometheus").body().contains("vigil_health_status{component=\"switchable\"} 0.5"));
		String scrape = this.doors.get("/actuator/prometheus").body();
		assertThat(scrape).contains("vigil_health_check_age_seconds{component=\"diskSpace\"}",
				"vigil_health_status{group=\"readiness\"} 0.5",
				"vigil_health_status{group=\"liveness\"} 1.0", "vigil_health_status{component=\"db\"} 1.0",
				"vigil_health_check_duration_seconds_count{component=\"db\"}",
				"vigil_health_check_age_seconds{component=\"db\"}");
	}

	@Test
	void probeCommandExitCodesFollowTheServer() {
		String target = "127.0.0.1:" + this.doors.grpcPort();
		assertThat(probe("liveness", "--target", target)).isEqualTo(new Probe(0, "alive"));
		assertThat(probe("readiness", "--target", target)).isEqualTo(new Probe(0, "ready"));
		assertThat(probe("health", "--target", target).exitCode()).isZero();
		this.switchable.set(Outcome.DOWN);
		awaitView((view) -> !view.grpcReady());
		assertThat(probe("readiness", "--target", target)).isEqualTo(new Probe(1, "not ready: switchable: broken pipe"));
		assertThat(probe("health", "--target", target).exitCode()).isEqualTo(1);
		assertThat(probe("liveness", "--target", target).exitCode()).isZero();
	}

	private Doors.View awaitView(Predicate<Doors.View> condition) {
		return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(this.doors::read, condition);
	}

	static ComponentHealth component(HealthResponse health, String name) {
		return health.getComponentsList()
			.stream()
			.filter((component) -> component.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	static Probe probe(String... args) {
		CommandRun run = CommandRun.ofCommand(Map.of(), "probe", args);
		return new Probe(run.exitCode(), run.firstLine());
	}

	record Probe(int exitCode, String firstLine) {
	}

}
