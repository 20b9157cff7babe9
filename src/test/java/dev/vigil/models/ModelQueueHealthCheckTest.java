package dev.vigil.models;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.lifecycle.LifecycleProperties;
import dev.vigil.lifecycle.ShutdownCoordinator;
import dev.vigil.testing.OnnxModels;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the {@code modelQueue} component takes the pod out of readiness, and why.
 */
class ModelQueueHealthCheckTest {

	@TempDir
	Path models;

	private ModelRegistry registry;

	private ModelQueueHealthCheck lastCheck;

	@AfterEach
	void close() {
		if (this.registry != null) {
			this.registry.close();
		}
	}

	@Test
	void upWithNothingRequired() {
		assertThat(check(false, List.of()).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void requireLoadedWithoutAnyModelIsOutOfService() {
		Health health = check(true, List.of());
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("reason", "no model loaded");
	}

	@Test
	void aRequiredModelThatIsAbsentOrNotReadyIsOutOfService() {
		OnnxModels.write(this.models, "add", OnnxModels.add());
		Health health = check(true, List.of("add", "ranker"));
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("reason", "required model 'ranker' is absent")
			.containsEntry("modelsLoaded", 1);
		OnnxModels.write(this.models, "ranker", OnnxModels.matmul());
		this.registry.load("ranker", null);
		assertThat(this.lastCheck.check().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void drainingAndStoppedAreOutOfService() {
		ShutdownCoordinator coordinator = new ShutdownCoordinator(new LifecycleProperties(Duration.ZERO), List::of);
		ModelQueueHealthCheck check = check(false, List.of(), coordinator);
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.refresh();
			coordinator.onApplicationEvent(new ContextClosedEvent(context));
		}
		Health health = check.check();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("state", "Stopped")
			.containsEntry("acceptingRequests", false)
			.containsEntry("reason", "stopped");
	}

	private Health check(boolean requireLoaded, List<String> required) {
		return check(requireLoaded, required,
				new ShutdownCoordinator(new LifecycleProperties(Duration.ZERO), List::of)).check();
	}

	private ModelQueueHealthCheck check(boolean requireLoaded, List<String> required, ShutdownCoordinator coordinator) {
		ModelsProperties properties = new ModelsProperties(this.models, requireLoaded, required,
				new ModelsProperties.Queue(10), 1, 1, 1000, Duration.ofMinutes(1));
		this.registry = new ModelRegistry(properties, new SimpleMeterRegistry(), Clock.systemUTC());
		this.registry.loadDirectory();
		InferenceQueue queue = new InferenceQueue(10);
		InferenceWorkers workers = new InferenceWorkers(1, queue, this.registry::environment, ObservationRegistry.NOOP);
		StuckWorkerWatchdog watchdog = new StuckWorkerWatchdog(workers, Duration.ofMinutes(1), (event) -> {
		});
		this.lastCheck = new ModelQueueHealthCheck(properties, this.registry, queue, workers, watchdog, coordinator);
		return this.lastCheck;
	}

}
