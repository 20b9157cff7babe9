package dev.vigil.support;

import java.util.concurrent.ThreadFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Named daemon threads for Vigil's background work: a stuck background task must never keep the
 * JVM from exiting, and a thread dump should say whose thread it is.
 */
public final class DaemonThreads {

	private DaemonThreads() {
	}

	/** Daemon threads named {@code prefix1}, {@code prefix2}... */
	public static ThreadFactory named(String prefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

}
