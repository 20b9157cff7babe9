package dev.vigil.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log levels a test changes for itself: silencing a logger while the test provokes, on purpose,
 * the failure it reports (right in production, noise in a green run), and putting the root level
 * back to the tests' WARN ({@code logback-test.xml}) after a test that raised it.
 */
public final class LogLevels implements AutoCloseable {

	private final Logger logger;

	private final Level previous;

	private LogLevels(Logger logger, Level level) {
		this.logger = logger;
		this.previous = logger.getLevel();
		logger.setLevel(level);
	}

	/** Silences the logger named after {@code type} until {@link #close()}. */
	public static LogLevels silence(Class<?> type) {
		return silence(type.getName());
	}

	/** Silences the logger {@code name}, for a library's class a test cannot name, until {@link #close()}. */
	public static LogLevels silence(String name) {
		return new LogLevels((Logger) LoggerFactory.getLogger(name), Level.OFF);
	}

	/** Puts the root logger back to WARN, as the tests' logging configuration sets it. */
	public static void resetRoot() {
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
	}

	@Override
	public void close() {
		this.logger.setLevel(this.previous);
	}

}
