package dev.vigil.doors.ipc;

import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.lifecycle.ShutdownCoordinator;
import dev.vigil.security.TokenDigest;
import tools.jackson.databind.JsonNode;

/**
 * {@code handshake}: the token compared with {@code vigil.ipc.token} in constant time, the session
 * it opens, and the bounds on guessing: {@value #MAX_FAILED_HANDSHAKES} failures per connection, and a
 * server-wide rate.
 */
final class IpcHandshake {

	static final int PROTOCOL_VERSION = 1;

	static final int MAX_FAILED_HANDSHAKES = 3;

	private static final Logger logger = LoggerFactory.getLogger(IpcHandshake.class);

	private final ShutdownCoordinator lifecycle;

	private final byte[] tokenDigest;

	private final TokenBucket failedHandshakes;

	private final LongSupplier nanoTime;

	IpcHandshake(ShutdownCoordinator lifecycle, String token, int maxFailedHandshakesPerSecond, LongSupplier nanoTime) {
		this.lifecycle = lifecycle;
		this.tokenDigest = (token != null) ? TokenDigest.sha256(token) : null;
		this.nanoTime = nanoTime;
		// Server-wide, so many connections cannot multiply the guesses an attacker gets.
		this.failedHandshakes = new TokenBucket(maxFailedHandshakesPerSecond, nanoTime.getAsLong());
	}

	/** The acknowledgement; a refused handshake throws a 401, or a 429 that closes the connection. */
	Map<String, Object> answer(JsonNode message, IpcSession session) {
		JsonNode version = message.path("protocol_version");
		if (!version.canConvertToInt() || !version.isIntegralNumber() || version.asInt() < PROTOCOL_VERSION) {
			throw new IpcError(400, "protocol_version: must be an integer of at least " + PROTOCOL_VERSION);
		}
		if (!this.lifecycle.acceptingWork()) {
			throw new IpcError(503, "shutting down");
		}
		JsonNode token = message.path("token");
		if (this.tokenDigest == null || !token.isString()
				|| !TokenDigest.matches(this.tokenDigest, token.asString())) {
			refuse(session);
		}
		String sessionId = UUID.randomUUID().toString();
		session.authenticated(sessionId);
		Map<String, Object> body = IpcMessages.body("handshake_ack");
		body.put("session_id", sessionId);
		body.put("protocol_version", PROTOCOL_VERSION);
		return body;
	}

	private void refuse(IpcSession session) {
		int failures = session.failedHandshake();
		logger.info("ipc.handshake.refused failures={}", failures);
		if (failures >= MAX_FAILED_HANDSHAKES || !this.failedHandshakes.tryTake(this.nanoTime.getAsLong())) {
			throw IpcError.closing(429, "too many failed handshakes");
		}
		throw new IpcError(401, "handshake refused");
	}

}
