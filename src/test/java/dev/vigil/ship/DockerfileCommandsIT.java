package dev.vigil.ship;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.testing.ImageCommands;
import dev.vigil.testing.Ports;
import dev.vigil.testing.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs where Vigil is built, so this runs the Dockerfile's own commands on the
 * packaged jar ({@link ImageCommands}): extraction, layer copies, the class-data training run,
 * {@code ENV} and {@code ENTRYPOINT}. The started server must use the archive, become ready, answer
 * the jar's probe command, and stop on SIGTERM.
 */
class DockerfileCommandsIT {

	@TempDir
	Path work;

	@Test
	void theImagesCommandsBuildTheAppAndStartAServerThatGetsReady() throws Exception {
		ImageCommands image = ImageCommands.read(Path.of("Dockerfile"));
		List<String> copied = image.assemble(ImageCommands.packagedJar(), this.work);
		// The final stage copies layers least-changing first: dependencies before the application.
		assertThat(copied).containsExactly("extracted/dependencies", "extracted/spring-boot-loader",
				"extracted/snapshot-dependencies", "extracted/application");
		Path app = this.work.resolve("app");
		assertThat(app.resolve("vigil.jsa")).as("the training run's class data archive").isNotEmptyFile();
		assertThat(app.resolve("training")).as("the training run's data is removed").doesNotExist();
		assertThat(image.instructions()).contains("USER 10001:10001", "EXPOSE 8080 9090", "VOLUME /data");
		assertThat(image.instructions()).noneMatch((line) -> line.startsWith("HEALTHCHECK"));

		Map<String, String> environment = image.environment();
		assertThat(environment).containsEntry("SPRING_DATASOURCE_URL", "jdbc:sqlite:/data/vigil.db");
		Path data = Files.createDirectories(this.work.resolve("data"));
		environment.replaceAll((name, value) -> value.replace("/data", data.toString()));
		int httpPort = Ports.free();
		int grpcPort = Ports.free();
		environment.put("SERVER_PORT", Integer.toString(httpPort));
		environment.put("SPRING_GRPC_SERVER_PORT", Integer.toString(grpcPort));

		List<String> entrypoint = image.entrypoint();
		assertThat(entrypoint).contains("-XX:SharedArchiveFile=vigil.jsa");
		// Fail, rather than start slowly, if the archive does not match the jars it was made from.
		entrypoint.add(1, "-Xshare:on");
		try (VigilProcess server = VigilProcess.start(entrypoint, app, environment, httpPort, this.work.resolve("server.log"))) {
			server.awaitReady(Duration.ofSeconds(90));
			assertThat(Files.exists(data.resolve("vigil.db"))).isTrue();
			assertThat(Files.exists(data.resolve("hosts"))).isTrue();
			Process probe = new ProcessBuilder(VigilProcess.java(), "-jar", "vigil.jar", "probe", "readiness", "--target",
					"127.0.0.1:" + grpcPort, "--timeout", "5s")
				.directory(app.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.work.resolve("commands.log").toFile()))
				.start();
			assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("probe command ended").isTrue();
			assertThat(probe.exitValue()).isZero();
			assertThat(server.stop()).as("stopped on SIGTERM").isTrue();
			assertThat(server.log()).contains("lifecycle.drained");
		}
	}

}
