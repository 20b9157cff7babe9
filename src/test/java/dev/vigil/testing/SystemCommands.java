package dev.vigil.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that need a program from a system package skip, naming the package, where it is missing.
 * CI installs every such package, so there nothing skips.
 */
public final class SystemCommands {

	private SystemCommands() {
	}

	/** Skips the calling test unless {@code command} is on the PATH. */
	public static void assume(String command, String debianPackage) {
		assumeTrue(installed(command), () -> "needs '" + command + "' from the Debian package " + debianPackage
				+ " (apt-get install " + debianPackage + ")");
	}

	/** Whether {@code command} is on the PATH. */
	public static boolean installed(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(directory, command))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Runs {@code command} to its end, its output (both streams) in a file so that no pipe fills;
	 * a command still running after {@code atMost} is killed and answers exit -1.
	 */
	public static Result run(Duration atMost, List<String> command) throws IOException, InterruptedException {
		Path output = Files.createTempFile("command", ".log");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
			if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor();
				return new Result(-1, "timed out after " + atMost + ": " + String.join(" ", command));
			}
			return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	/** A command's exit code and its output, both streams. */
	public record Result(int exit, String output) {
	}

}
