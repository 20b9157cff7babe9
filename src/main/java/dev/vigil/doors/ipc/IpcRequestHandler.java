package dev.vigil.doors.ipc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.doors.RuntimeReport;
import dev.vigil.health.GroupHealth;
import dev.vigil.health.HealthEvaluator;
import dev.vigil.health.ServerInfo;
import dev.vigil.lifecycle.ShutdownCoordinator;
import dev.vigil.models.ModelCatalog;
import dev.vigil.models.ModelSummary;
import dev.vigil.security.TokenDigest;
import dev.vigil.support.OneLine;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers one frame of the IPC protocol. {@code health_check}, {@code models_request} and
 * {@code metrics_request} need no handshake; health reads the shared evaluation like every other
 * door, and liveness touches nothing but the latest results.
 */
final class IpcRequestHandler {

	static final int PROTOCOL_VERSION = 1;

	static final int MAX_FAILED_HANDSHAKES = 3;

	private static final Logger logger = LoggerFactory.getLogger(IpcRequestHandler.class);

	/** The protocol's messages are flat; nothing legitimate nests deeper. */
	private static final int MAX_NESTING = 16;

	private final HealthEvaluator evaluator;

	private final ServerInfo server;

	private final ModelCatalog models;

	private final MeterRegistry meters;

	private final ShutdownCoordinator lifecycle;

	private final byte[] tokenDigest;

	private final TokenBucket failedHandshakes;

	private final LongSupplier nanoTime;

	private final JsonMapper reader = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
			.build())
		.build();

	private final JsonMapper writer;

	IpcRequestHandler(HealthEvaluator evaluator, ServerInfo server, ModelCatalog models, MeterRegistry meters,
			ShutdownCoordinator lifecycle, String token, int maxFailedHandshakesPerSecond, JsonMapper writer,
			LongSupplier nanoTime) {
		this.evaluator = evaluator;
		this.server = server;
		this.models = models;
		this.meters = meters;
		this.lifecycle = lifecycle;
		this.tokenDigest = (token != null) ? TokenDigest.sha256(token) : null;
		this.writer = writer;
		this.nanoTime = nanoTime;
		// Server-wide, so many connections cannot multiply the guesses an attacker gets.
		this.failedHandshakes = new TokenBucket(maxFailedHandshakesPerSecond, nanoTime.getAsLong());
	}

	/** The reply to one frame, and whether the connection closes after it. */
	Reply handle(byte[] frame, IpcSession session) {
		try {
			JsonNode message = parse(frame);
			String type = message.path("type").asString("");
			if (type.equals("health_check")) {
				return ofJson(healthCheck(message));
			}
			if (!session.requests().tryTake(this.nanoTime.getAsLong())) {
				throw new IpcError(429, "too many requests: at most the configured rate per second");
			}
			return switch (type) {
				case "models_request" -> ofJson(modelsResponse());
				case "metrics_request" -> ofJson(metricsResponse());
				case "handshake" -> handshake(message, session);
				case "" -> throw new IpcError(400, "type: required, a string");
				default -> throw new IpcError(400, "unknown type '" + OneLine.of(type) + "'");
			};
		}
		catch (IpcError error) {
			return error(error.code(), error.getMessage(), false);
		}
		catch (RuntimeException ex) {
			logger.warn("ipc.request.failed error=\"{}\"", OneLine.of(String.valueOf(ex.getMessage())));
			return error(503, "unavailable", false);
		}
	}

	/** An error frame, written by the serializer so any message is valid JSON. */
	Reply error(int code, String message, boolean close) {
		Map<String, Object> body = body("error");
		body.put("code", code);
		body.put("message", message);
		return new Reply(this.writer.writeValueAsBytes(body), close);
	}

	private JsonNode parse(byte[] frame) {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(frame))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new IpcError(400, "malformed frame: not UTF-8");
		}
		JsonNode message;
		try {
			message = this.reader.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IpcError(400, "malformed frame: not a JSON object");
		}
		if (message == null || !message.isObject()) {
			throw new IpcError(400, "malformed frame: not a JSON object");
		}
		return message;
	}

	private Map<String, Object> healthCheck(JsonNode message) {
		String checkType = message.path("check_type").asString("");
		Map<String, Object> body = body("health_response");
		body.put("check_type", checkType);
		switch (checkType) {
			case "Liveness" -> {
				body.put("ok", this.evaluator.requiredGroup(HealthEvaluator.LIVENESS).serving());
				body.put("report", null);
			}
			case "Readiness" -> {
				body.put("ok", this.evaluator.requiredGroup(HealthEvaluator.READINESS).serving());
				body.put("report", null);
			}
			case "Full" -> {
				GroupHealth readiness = this.evaluator.requiredGroup(HealthEvaluator.READINESS);
				RuntimeReport report = RuntimeReport.of(this.evaluator.overall(), readiness, this.server.uptime());
				body.put("ok", report.ready());
				body.put("report", report(report));
			}
			default -> throw new IpcError(400, "check_type: must be Liveness, Readiness or Full");
		}
		return body;
	}

	private static Map<String, Object> report(RuntimeReport report) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("state", report.state());
		fields.put("ready", report.ready());
		fields.put("accepting_requests", report.acceptingRequests());
		fields.put("models_loaded", report.modelsLoaded());
		fields.put("memory_used_bytes", report.memoryUsedBytes());
		fields.put("queue_depth", report.queueDepth());
		fields.put("uptime_secs", report.uptimeSecs());
		return fields;
	}

	private Map<String, Object> modelsResponse() {
		Map<String, Object> body = body("models_response");
		body.put("models", this.models.models().stream().map(IpcRequestHandler::model).toList());
		body.put("total_memory_bytes", this.models.totalMemoryBytes());
		return body;
	}

	private static Map<String, Object> model(ModelSummary model) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("handle_id", model.handleId());
		fields.put("name", model.name());
		fields.put("format", model.format());
		fields.put("size_bytes", model.sizeBytes());
		fields.put("memory_bytes", model.memoryBytes());
		fields.put("state", model.state());
		fields.put("request_count", model.requestCount());
		fields.put("avg_latency_ms", model.avgLatencyMs());
		fields.put("loaded_at", (model.loadedAt() != null) ? model.loadedAt().toString() : null);
		return fields;
	}

	private Map<String, Object> metricsResponse() {
		Map<String, Object> body = body("metrics_response");
		body.putAll(MetricsSnapshot.of(this.meters));
		return body;
	}

	private Reply handshake(JsonNode message, IpcSession session) {
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
			return refused(session);
		}
		String sessionId = UUID.randomUUID().toString();
		session.authenticated(sessionId);
		Map<String, Object> body = body("handshake_ack");
		body.put("session_id", sessionId);
		body.put("protocol_version", PROTOCOL_VERSION);
		return ofJson(body);
	}

	/** 401, or 429 and close once a connection or the server has guessed too often. */
	private Reply refused(IpcSession session) {
		int failures = session.failedHandshake();
		logger.info("ipc.handshake.refused failures={}", failures);
		if (failures >= MAX_FAILED_HANDSHAKES || !this.failedHandshakes.tryTake(this.nanoTime.getAsLong())) {
			return error(429, "too many failed handshakes", true);
		}
		return error(401, "handshake refused", false);
	}

	private Reply ofJson(Map<String, Object> body) {
		return new Reply(this.writer.writeValueAsBytes(body), false);
	}

	private static Map<String, Object> body(String type) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type);
		return body;
	}

	/** A reply frame's payload, and whether the connection closes once it is sent. */
	record Reply(byte[] payload, boolean close) {
	}

	/** A request answered with a protocol error. */
	private static final class IpcError extends RuntimeException {

		private final int code;

		IpcError(int code, String message) {
			super(message, null, false, false);
			this.code = code;
		}

		int code() {
			return this.code;
		}

	}

}
