package dev.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files a test polls for: a hosts file a replica renders, a log a hook appends to. */
public final class TextFiles {

	private TextFiles() {
	}

	/** The file's text, or empty while it does not exist yet. */
	public static String readOrEmpty(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
