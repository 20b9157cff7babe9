package dev.vigil.ship;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.api.v1.InferResponse;
import dev.vigil.api.v1.InferenceServiceGrpc;
import dev.vigil.testing.Channels;
import dev.vigil.testing.OnnxModels;
import dev.vigil.testing.Ports;
import dev.vigil.testing.Tensors;
import dev.vigil.testing.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts Vigil the way {@code ./mvnw spring-boot:run} does: a fresh JVM with the whole classpath
 * spelled out on its command line, tens of kilobytes of arguments. ONNX Runtime 1.29.0 crashed
 * with SIGSEGV while creating its environment on such a command line, while every test that started
 * Vigil in-process or from the jar passed; this test fails on that version.
 */
class LongCommandLineStartTest {

	@TempDir
	Path work;

	@Test
	void aVigilStartedWithTheClasspathOnItsCommandLineGetsReadyAndRunsAnInference() throws Exception {
		Path models = Files.createDirectories(this.work.resolve("models"));
		OnnxModels.write(models, "add", OnnxModels.add());
		int httpPort = Ports.free();
		int grpcPort = Ports.free();
		List<String> command = VigilProcess.classpathCommand("--server.port=" + httpPort,
				"--spring.grpc.server.port=" + grpcPort, "--spring.datasource.url=jdbc:sqlite:" + this.work.resolve("vigil.db"),
				"--vigil.hosts.file.path=" + this.work.resolve("hosts"), "--vigil.models.directory=" + models,
				"--vigil.security.enabled=false");
		assertThat(String.join(" ", command)).as("a command line as long as spring-boot:run's").hasSizeGreaterThan(8192);

		try (VigilProcess vigil = VigilProcess.start(command, this.work, Map.of(), httpPort, this.work.resolve("vigil.log"))) {
			vigil.awaitReady(Duration.ofSeconds(90));
			ManagedChannel channel = Channels.local(grpcPort);
			try {
				InferResponse sum = InferenceServiceGrpc.newBlockingStub(channel)
					.withDeadlineAfter(30, TimeUnit.SECONDS)
					.infer(Tensors.addRequest());
				assertThat(sum.getOutputs(0).getFloatDataList()).containsExactly(11f, 22f, 33f, 44f);
			}
			finally {
				Channels.close(channel);
			}
			assertThat(vigil.stop()).as("stopped on SIGTERM").isTrue();
		}
	}



}
