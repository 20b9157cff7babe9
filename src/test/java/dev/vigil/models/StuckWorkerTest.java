package dev.vigil.models;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.Channels;
import dev.vigil.testing.Doors;
import dev.vigil.testing.OnnxModels;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run past {@code vigil.models.stuck-after} turns liveness BROKEN on every door, so Kubernetes
 * restarts the pod; it turns CORRECT again once the run ends.
 */
@VigilTest
class StuckWorkerTest {

	static final Path MODELS = Path.of("target/test-data/models-stuck");

	@Autowired
	ApplicationContext context;

	@Autowired
	GrpcServerLifecycle grpcServer;

	@DynamicPropertySource
	static void models(DynamicPropertyRegistry registry) {
		registry.add("vigil.models.directory", MODELS::toString);
		registry.add("vigil.models.workers", () -> "1");
		registry.add("vigil.models.stuck-after", () -> "300ms");
		registry.add("spring.datasource.url", () -> "jdbc:sqlite:target/test-data/models-stuck.db");
	}

	@BeforeAll
	static void writeModels() throws IOException {
		FileSystemUtils.deleteRecursively(MODELS);
		OnnxModels.write(MODELS, "slow", OnnxModels.slow());
	}

	@Test
	void aStuckWorkerBreaksLivenessUntilItsRunEnds() throws Exception {
		ManagedChannel channel = Channels.local(this.grpcServer.getPort());
		try (Doors doors = Doors.of(this.context)) {
			InferenceClient client = new InferenceClient(channel);
			assertThat(doors.read().aliveAnswers()).containsOnly(true);
			CompletableFuture<InferenceClient.Outcome> stuck = client.hold("hold-1");

			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(doors.read().aliveAnswers()).containsOnly(false));
			assertThat(doors.get("/actuator/health/modelQueue").body()).contains("\"status\":\"DOWN\"")
				.contains("1 worker(s) stuck over 300ms")
				.contains("\"stuckWorkers\":1");
			assertThat(doors.health().getModelQueue().getState()).isEqualTo("Unhealthy");

			assertThat(client.cancel("hold-1")).isTrue();
			assertThat(stuck.join().code()).isEqualTo(Status.Code.CANCELLED);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(doors.read().aliveAnswers()).containsOnly(true));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(doors.get("/actuator/health/modelQueue").body()).contains("\"status\":\"UP\""));
		}
		finally {
			Channels.close(channel);
		}
	}

}
