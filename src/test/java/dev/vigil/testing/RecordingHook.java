package dev.vigil.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * An on-success hook that appends {@code $VIGIL_EVENT $VIGIL_ENTRY_COUNT} to a log file, a line per
 * run, for tests that check which replica ran its hooks and for what.
 */
public final class RecordingHook {

	private RecordingHook() {
	}

	/** The command-line properties that configure the hook, appending to {@code log}. */
	public static List<String> arguments(Path log) {
		return List.of("--vigil.hooks.on-success[0].name=record",
				"--vigil.hooks.on-success[0].command=echo \"$VIGIL_EVENT $VIGIL_ENTRY_COUNT\" >> '" + log + "'");
	}

}
