package dev.vigil.doors.ipc;

/**
 * What the socket remembers about one connection between its frames. Touched by the socket's one
 * thread only.
 */
final class IpcSession {

	private final TokenBucket requests;

	private String sessionId;

	private int failedHandshakes;

	IpcSession(TokenBucket requests) {
		this.requests = requests;
	}

	TokenBucket requests() {
		return this.requests;
	}

	String sessionId() {
		return this.sessionId;
	}

	void authenticated(String sessionId) {
		this.sessionId = sessionId;
	}

	int failedHandshake() {
		return ++this.failedHandshakes;
	}

}
