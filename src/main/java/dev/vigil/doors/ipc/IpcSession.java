package dev.vigil.doors.ipc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the socket remembers about one connection between its frames. Touched by the socket's one
 * thread only, but for the requests in flight, which inference completions also remove.
 */
final class IpcSession {

	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

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

	void started(String requestId) {
		this.inFlight.add(requestId);
	}

	void finished(String requestId) {
		this.inFlight.remove(requestId);
	}

	/** The inference requests this connection has queued or running. */
	Set<String> inFlight() {
		return Set.copyOf(this.inFlight);
	}

}
