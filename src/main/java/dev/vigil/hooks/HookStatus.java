package dev.vigil.hooks;

import java.util.Locale;

/**
 * How one run of a hook ended.
 */
enum HookStatus {

	/** Exit code 0. */
	SUCCESS,
	/** A non-zero exit code, or the command could not be started. */
	FAILURE,
	/** Still running at its timeout: its process group was killed. */
	TIMEOUT,
	/** Still running when shutdown's bound ran out: its process group was killed. */
	KILLED;

	/** As health details, logs and metrics show it. */
	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
