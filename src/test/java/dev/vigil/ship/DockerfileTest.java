package dev.vigil.ship;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.testing.ImageCommands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile writes the server's JVM options twice, in the training run and in the
 * exec-form {@code ENTRYPOINT}, which cannot share a variable. A JVM uses the ahead-of-time cache
 * only with the module options it was made with, and the cache should hold what the server
 * loads, so the two lists must agree, but for the options only one of them has a reason to carry.
 */
class DockerfileTest {

	/** The training run's own: C1 alone, so the cache holds no profiles that set C2 compiling during the start. */
	private static final List<String> TRAINING_ONLY = List.of("-XX:TieredStopAtLevel=1");

	/** The start's own: the cache itself and what matters only under a container's limit. */
	private static final List<String> START_ONLY = List.of("-XX:AOTCache=vigil.aot", "-XX:MaxRAMPercentage=75.0",
			"-XX:+ExitOnOutOfMemoryError");

	private final ImageCommands image = ImageCommands.read(Path.of("Dockerfile"));

	@Test
	void theTrainingRunStartsTheServerAsTheEntrypointDoes() {
		List<String> training = this.image.trainingOptions();
		List<String> entrypoint = this.image.entrypointOptions();
		assertThat(training).as("the training run's options").containsAll(TRAINING_ONLY);
		assertThat(entrypoint).as("the ENTRYPOINT's options").containsAll(START_ONLY);
		assertThat(training.stream().filter((option) -> !TRAINING_ONLY.contains(option)))
			.containsExactlyInAnyOrderElementsOf(entrypoint.stream().filter((option) -> !START_ONLY.contains(option)).toList());
	}

}
