package dev.vigil.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.health.HealthStatuses;
import dev.vigil.support.SecretRedactor;
import dev.vigil.testing.SystemCommands;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The background runner with real hook processes: batching, coalescing, outcomes and shutdown.
 */
class HookRunnerTest {

	@TempDir
	Path directory;

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private HookRunner runner;

	private HooksHealthCheck status;

	private Path runs;

	private Path gate;

	@BeforeEach
	void needsSetsid() {
		SystemCommands.assume("setsid", "util-linux");
		this.runs = this.directory.resolve("runs");
		this.gate = this.directory.resolve("gate");
	}

	@AfterEach
	void stop() {
		if (this.runner != null) {
			this.runner.stop();
		}
	}

	@Test
	void triggersDuringARunningBatchCoalesceIntoOneWaitingBatch() throws IOException {
		startHeldInFirstBatch();
		for (int count = 2; count <= 6; count++) {
			this.runner.trigger(success(count));
		}
		Files.createFile(this.gate);
		await().atMost(Duration.ofSeconds(10)).until(() -> executions("record", HookStatus.SUCCESS) == 2);
		// The first batch, then only the newest of the five that arrived while it ran.
		assertThat(lines(this.runs)).containsExactly("1", "6");
		assertThat(this.meters.get("vigil.hook.runs.coalesced").tag("type", "on-success").counter().count())
			.isEqualTo(4);
		assertThat(this.meters.get("vigil.hook.runs.coalesced").tag("type", "on-failure").counter().count()).isZero();
	}

	@Test
	void aBatchRunsItsHooksInOrderAndHealthFollowsEachOutcome() throws IOException {
		Path order = this.directory.resolve("order");
		Path failFlag = this.directory.resolve("fail");
		start(Duration.ofSeconds(10),
				List.of(hook("first", "echo first >> '" + order + "'"),
						hook("second", "echo second >> '" + order + "'; [ ! -e '" + failFlag + "' ]")),
				List.of());
		assertThat(this.status.check().getStatus()).isEqualTo(Status.UP);
		assertThat(hookDetails(this.status.check(), "onSuccess", "second")).containsEntry("lastStatus", "never-run");

		Files.createFile(failFlag);
		this.runner.trigger(success(1));
		await().atMost(Duration.ofSeconds(10)).until(() -> executions("second", HookStatus.FAILURE) == 1);
		this.runner.trigger(success(2));
		await().atMost(Duration.ofSeconds(10)).until(() -> executions("second", HookStatus.FAILURE) == 2);
		assertThat(lines(order)).containsExactly("first", "second", "first", "second");
		Health degraded = this.status.check();
		assertThat(degraded.getStatus()).isEqualTo(HealthStatuses.DEGRADED);
		assertThat(degraded.getDetails()).containsEntry("reason", "on-success/second: failed with exit code 1");
		assertThat(hookDetails(degraded, "onSuccess", "second")).containsEntry("consecutiveFailures", 2)
			.containsEntry("exitCode", 1);
		assertThat(hookDetails(degraded, "onSuccess", "first")).containsEntry("lastStatus", "success");

		Files.delete(failFlag);
		this.runner.trigger(success(3));
		await().atMost(Duration.ofSeconds(10)).until(() -> executions("second", HookStatus.SUCCESS) == 1);
		assertThat(this.status.check().getStatus()).isEqualTo(Status.UP);
		assertThat(hookDetails(this.status.check(), "onSuccess", "second")).containsEntry("consecutiveFailures", 0);
		assertThat(this.meters.get("vigil.hook.duration").tag("name", "second").timer().count()).isEqualTo(3);
	}

	@Test
	void failureHooksGetTheErrorWithSecretsRemovedAndTheirOutputIsSanitised() {
		start(Duration.ofSeconds(10), List.of(),
				List.of(hook("alert", "printf '%s|' \"$VIGIL_ERROR\"; printf 'bell\\007 Hook-Secret-7\\n'")));
		this.runner.trigger(new HookTrigger(HookType.ON_FAILURE, 0, "cannot write: Hook-Secret-7\nrefused"));
		await().atMost(Duration.ofSeconds(10)).until(() -> executions("alert", HookStatus.SUCCESS) == 1);
		assertThat(hookDetails(this.status.check(), "onFailure", "alert"))
			.containsEntry("output", "cannot write: ****** refused|bell ******\n");
	}

	@Test
	void aTriggerForAnEmptyListNeitherRunsNorDisplacesTheWaitingBatch() throws IOException {
		startHeldInFirstBatch();
		this.runner.trigger(success(2));
		this.runner.trigger(new HookTrigger(HookType.ON_FAILURE, 0, "boom"));
		Files.createFile(this.gate);
		await().atMost(Duration.ofSeconds(10)).until(() -> executions("record", HookStatus.SUCCESS) == 2);
		assertThat(lines(this.runs)).containsExactly("1", "2");
	}

	@Test
	void shutdownLetsARunningBatchFinishWithinItsBound() throws IOException {
		Path started = this.directory.resolve("started");
		Path finished = this.directory.resolve("finished");
		start(Duration.ofSeconds(20), List.of(hook("slow", "touch '" + started + "'; sleep 0.5"),
				hook("after", "touch '" + finished + "'")), List.of());
		this.runner.trigger(success(1));
		this.runner.trigger(success(2));
		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(started));
		this.runner.stop();
		assertThat(finished).exists();
		assertThat(executions("slow", HookStatus.SUCCESS)).isEqualTo(1);
		// The batch waiting behind it was dropped, not run.
		assertThat(executions("after", HookStatus.SUCCESS)).isEqualTo(1);
	}

	@Test
	void shutdownPastItsBoundKillsTheRunningHookAndSkipsTheRest() throws IOException {
		Path pid = this.directory.resolve("pid");
		Path second = this.directory.resolve("second");
		start(Duration.ofMillis(300), List.of(hook("stuck", "echo $$ > '" + pid + "'; echo \"$VIGIL_ENTRY_COUNT\" >> '" + this.runs + "'; sleep 120"),
				hook("next", "touch '" + second + "'")), List.of());
		this.runner.trigger(success(1));
		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pid) && Files.size(pid) > 0);
		long shell = Long.parseLong(Files.readString(pid).strip());
		this.runner.stop();
		assertThat(executions("stuck", HookStatus.KILLED)).isEqualTo(1);
		assertThat(HookProcessTest.running(shell)).isFalse();
		assertThat(second).doesNotExist();
		assertThat(this.status.check().getDetails()).containsEntry("reason", "on-success/stuck: killed at shutdown");

		// Stopped, a trigger is dropped, not kept for later; started again, the runner takes batches again.
		this.runner.trigger(success(2));
		this.runner.start();
		this.runner.trigger(success(3));
		await().atMost(Duration.ofSeconds(10)).until(() -> lines(this.runs).size() == 2);
		assertThat(lines(this.runs)).containsExactly("1", "3");
		assertThat(this.meters.get("vigil.hook.runs.coalesced").tag("type", "on-success").counter().count()).isZero();
	}

	/**
	 * Starts a runner whose only hook records the entry count it was given and then waits for the
	 * gate file, and holds it inside the first batch.
	 */
	private void startHeldInFirstBatch() throws IOException {
		start(Duration.ofSeconds(10), List.of(hook("record", "echo \"$VIGIL_ENTRY_COUNT\" >> '" + this.runs
				+ "'; while [ ! -e '" + this.gate + "' ]; do sleep 0.02; done")), List.of());
		this.runner.trigger(success(1));
		await().atMost(Duration.ofSeconds(10)).until(() -> lines(this.runs).size() == 1);
	}

	private void start(Duration shutdownTimeout, List<HooksProperties.Hook> onSuccess,
			List<HooksProperties.Hook> onFailure) {
		HooksProperties properties = new HooksProperties(Duration.ofSeconds(30), shutdownTimeout,
				DataSize.ofKilobytes(64), onSuccess, onFailure);
		this.status = new HooksHealthCheck(properties);
		this.runner = new HookRunner(properties, this.status, this.meters, new SecretRedactor(List.of("Hook-Secret-7")),
				ObservationRegistry.NOOP, Clock.systemUTC());
		this.runner.start();
	}

	private double executions(String name, HookStatus outcome) {
		return this.meters.get("vigil.hook.executions")
			.tag("name", name)
			.tag("status", outcome.label())
			.counter()
			.count();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> hookDetails(Health health, String list, String name) {
		return ((Map<String, Map<String, Object>>) health.getDetails().get(list)).get(name);
	}

	private static HookTrigger success(long entries) {
		return new HookTrigger(HookType.ON_SUCCESS, entries, "");
	}

	private static HooksProperties.Hook hook(String name, String command) {
		return new HooksProperties.Hook(name, command, null);
	}

	private static List<String> lines(Path file) throws IOException {
		return Files.exists(file) ? Files.readAllLines(file) : List.of();
	}

}
