package dev.vigil.support;

import org.springframework.context.SmartLifecycle;

/**
 * Vigil's start and stop order, in one place: Spring starts lower phases first and stops them
 * last. The HTTP and plain gRPC servers run in Spring's own late phases, so everything below starts
 * before they take requests and stops after they have stopped.
 */
public final class LifecyclePhases {

	/** The IPC socket: first up and last down, so the runtime's clients can probe through the whole drain. */
	public static final int IPC_SOCKET = Integer.MIN_VALUE + 1000;

	/** The task schedulers every worker's repeated work runs on: up before the workers, down after them. */
	public static final int SCHEDULERS = -100;

	/**
	 * Background health checks, and what feeds them (the connection pool watch): running before any
	 * door answers, still running while the servers drain.
	 */
	public static final int HEALTH_CHECKS = 0;

	/** Models load and workers start before the servers take requests; they stop after the servers. */
	public static final int MODELS = 10;

	/** The hook runner: before the hosts-file renderer and after it, so no render finds it stopped. */
	public static final int HOOKS = 50;

	/** The hosts-file renderer: before the servers and after them, so no committed change goes unrendered. */
	public static final int HOSTS_FILE = 100;

	/** ACME orders and renewals: any time; Spring's default phase. */
	public static final int ACME = SmartLifecycle.DEFAULT_PHASE;

	/** Watching the certificate files: any time; Spring's default phase. */
	public static final int CERTIFICATE_FILES = SmartLifecycle.DEFAULT_PHASE;

	/** The gRPC TLS server: stops with the plain gRPC server, after the drain. */
	public static final int GRPC_TLS_SERVER = Integer.MAX_VALUE - 1;

	private LifecyclePhases() {
	}

}
