package dev.vigil.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

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

}
