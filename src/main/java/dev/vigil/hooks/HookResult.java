package dev.vigil.hooks;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * One finished run of a hook.
 *
 * @param status how it ended
 * @param exitCode its exit code; -1 when it was not started or was killed
 * @param duration how long it ran
 * @param finishedAt when it ended
 * @param output the tail of its output (standard output and error together), sanitised
 * @param outputTruncated whether output before the tail was dropped
 */
record HookResult(HookStatus status, int exitCode, Duration duration, Instant finishedAt, String output,
		boolean outputTruncated) {

	/** The run with its output passed through {@code sanitiser}. */
	HookResult withOutput(UnaryOperator<String> sanitiser) {
		return new HookResult(this.status, this.exitCode, this.duration, this.finishedAt, sanitiser.apply(this.output),
				this.outputTruncated);
	}

}
