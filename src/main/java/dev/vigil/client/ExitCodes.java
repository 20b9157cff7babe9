package dev.vigil.client;

/** The jar's exit codes, the same for every command. */
final class ExitCodes {

	/** Done: the call succeeded, the server is alive, ready or healthy. */
	static final int OK = 0;

	/** The server said no (a refused call, a conflict), or answered not alive, not ready, unhealthy. */
	static final int REFUSED = 1;

	/** Wrong arguments or configuration, or no answer from the server. */
	static final int USAGE = 2;

	private ExitCodes() {
	}

}
