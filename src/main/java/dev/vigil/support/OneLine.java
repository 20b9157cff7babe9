package dev.vigil.support;

import java.util.regex.Pattern;

/**
 * Error text as health reasons, log fields and hook variables carry it: one line, so that an
 * exception message with line breaks cannot forge or split a log line.
 */
public final class OneLine {

	private static final Pattern BREAKS = Pattern.compile("[\\p{Cntrl}\\s]+");

	private OneLine() {
	}

	/** The text with each run of control characters and whitespace made one space; empty for null. */
	public static String of(String text) {
		return (text == null) ? "" : BREAKS.matcher(text).replaceAll(" ").strip();
	}

	/**
	 * What went wrong, in one line: the exception's message (its type's simple name when it has
	 * none), then its cause's message where that adds something.
	 */
	public static String of(Throwable failure) {
		String message = (failure.getMessage() != null && !failure.getMessage().isBlank()) ? failure.getMessage()
				: failure.getClass().getSimpleName();
		Throwable cause = failure.getCause();
		if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
			message = message + ": " + cause.getMessage();
		}
		return of(message);
	}

	/** As {@link #of(Throwable)}, led by the exception's type, for failures whose message alone is ambiguous (I/O). */
	public static String withType(Throwable failure) {
		String message = of(failure);
		String type = failure.getClass().getSimpleName();
		return message.equals(type) ? type : type + ": " + message;
	}

}
