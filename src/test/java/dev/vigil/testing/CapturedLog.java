package dev.vigil.testing;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * The events a logger wrote while a test ran, for tests that assert what was logged (a line's
 * text) or what was not (no WARN, no stack trace for a client's mistake). Closing it puts the
 * logger back as it was.
 */
public final class CapturedLog implements AutoCloseable {

	private final Logger logger;

	private final Level previousLevel;

	private final boolean previousAdditive;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private CapturedLog(Logger logger, Level level, boolean additive) {
		this.logger = logger;
		this.previousLevel = logger.getLevel();
		this.previousAdditive = logger.isAdditive();
		this.appender.start();
		logger.addAppender(this.appender);
		if (level != null) {
			logger.setLevel(level);
		}
		logger.setAdditive(additive);
	}

	/** Everything that reaches the root logger, still written to the console as well. */
	public static CapturedLog root() {
		return new CapturedLog((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME), null, true);
	}

	/** The logger named after {@code type} at its configured level, kept off the console. */
	public static CapturedLog only(Class<?> type) {
		return only(type.getName(), null);
	}

	/** The logger {@code name} at {@code level} (its configured level when null), kept off the console. */
	public static CapturedLog only(String name, Level level) {
		return new CapturedLog((Logger) LoggerFactory.getLogger(name), level, false);
	}

	/** The events so far; safe while other threads still log. */
	public List<ILoggingEvent> events() {
		// The appender adds under its own lock.
		synchronized (this.appender) {
			return new ArrayList<>(this.appender.list);
		}
	}

	/** The messages so far, formatted. */
	public List<String> lines() {
		return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	/** The messages at WARN or above, or carrying a stack trace. */
	public List<String> problems() {
		return events().stream()
			.filter((event) -> event.getThrowableProxy() != null || event.getLevel().isGreaterOrEqual(Level.WARN))
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.previousLevel);
		this.logger.setAdditive(this.previousAdditive);
	}

}
