package dev.vigil.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

	/** Runs a command to its end within {@code limit}; throws with its output when it fails. */
	public static void run(Duration limit, String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command[0] + " did not end within " + limit);
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(command[0] + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
