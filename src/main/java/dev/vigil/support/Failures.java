package dev.vigil.support;

import java.util.concurrent.CompletionException;

/** Failures as a future hands them over: the cause itself, not the wrapper a dependent stage adds. */
public final class Failures {

	private Failures() {
	}

	/** The failure a {@link CompletionException} wraps, or the failure itself; null for null. */
	public static Throwable cause(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

}
