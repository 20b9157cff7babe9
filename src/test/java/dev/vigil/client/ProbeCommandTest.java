package dev.vigil.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.vigil.VigilApplication;
import dev.vigil.testing.CommandRun;
import dev.vigil.testing.Ports;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe command's failure paths; its answers from a live server are tested beside the other doors.
 */
class ProbeCommandTest {

	private final StringBuilder err = new StringBuilder();

	@Test
	void wrongArgumentsExitTwoWithUsage() {
		assertThat(run("nonsense")).isEqualTo(2);
		assertThat(run("readiness", "--target")).isEqualTo(2);
		assertThat(run("readiness", "--bogus", "x")).isEqualTo(2);
		assertThat(run()).isEqualTo(2);
		assertThat(this.err.toString()).contains("Usage: vigil probe", "CHECK");
	}

	@Test
	void unreachableServerExitsTwo() {
		assertThat(run("readiness", "--target", "127.0.0.1:" + Ports.free(), "--timeout", "1s")).isEqualTo(2);
		assertThat(this.err.toString()).startsWith("cannot reach the server at 127.0.0.1:");
	}

	@Test
	void jarEntryPointExitsWithTheProbesCode() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
				VigilApplication.class.getName(), "probe", "liveness", "--target", "127.0.0.1:" + Ports.free(),
				"--timeout", "1s"))
			.redirectErrorStream(true)
			.start();
		try {
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isEqualTo(2);
			assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
				.contains("cannot reach the server at 127.0.0.1:");
		}
		finally {
			process.destroyForcibly();
		}
	}

	private int run(String... args) {
		CommandRun run = CommandRun.ofCommand(Map.of(), "probe", args);
		this.err.append(run.err());
		return run.exitCode();
	}

}
