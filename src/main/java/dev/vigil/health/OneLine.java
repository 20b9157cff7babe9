package dev.vigil.health;

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

}
