package dev.vigil.doors.ipc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.models.ModelCatalog;
import dev.vigil.models.ModelSummary;
import dev.vigil.support.OneLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers one frame of the IPC protocol: reads it, applies the connection's request rate (every
 * message but {@code health_check}), hands it to the answer for its {@code type}, and turns a
 * failure into an error frame. Health never waits on anything: it reads the latest results.
 */
final class IpcRequestHandler {

	private static final Logger logger = LoggerFactory.getLogger(IpcRequestHandler.class);

	private final IpcMessageParser parser = new IpcMessageParser();

	private final IpcHealthAnswers health;

	private final IpcHandshake handshake;

	private final ModelCatalog models;

	private final MeterRegistry meters;

	private final LongSupplier nanoTime;

	private final JsonMapper writer;

	IpcRequestHandler(IpcHealthAnswers health, IpcHandshake handshake, ModelCatalog models, MeterRegistry meters,
			JsonMapper writer, LongSupplier nanoTime) {
		this.health = health;
		this.handshake = handshake;
		this.models = models;
		this.meters = meters;
		this.writer = writer;
		this.nanoTime = nanoTime;
	}

	/** The reply to one frame, and whether the connection closes after it. */
	Reply handle(byte[] frame, IpcSession session) {
		try {
			JsonNode message = this.parser.parse(frame);
			String type = message.path("type").asString("");
			if (type.equals("health_check")) {
				return ofJson(this.health.answer(message));
			}
			if (!session.requests().tryTake(this.nanoTime.getAsLong())) {
				throw new IpcError(429, "too many requests: at most the configured rate per second");
			}
			return ofJson(switch (type) {
				case "models_request" -> modelsResponse();
				case "metrics_request" -> metricsResponse();
				case "handshake" -> this.handshake.answer(message, session);
				case "" -> throw new IpcError(400, "type: required, a string");
				default -> throw new IpcError(400, "unknown type '" + OneLine.of(type) + "'");
			});
		}
		catch (IpcError error) {
			return error(error.code(), error.getMessage(), error.close());
		}
		catch (RuntimeException ex) {
			logger.warn("ipc.request.failed error=\"{}\"", OneLine.of(ex));
			return error(503, "unavailable", false);
		}
	}

	/** An error frame, written by the serializer so any message is valid JSON. */
	Reply error(int code, String message, boolean close) {
		Map<String, Object> body = IpcMessages.body("error");
		body.put("code", code);
		body.put("message", message);
		return new Reply(this.writer.writeValueAsBytes(body), close);
	}

	private Map<String, Object> modelsResponse() {
		Map<String, Object> body = IpcMessages.body("models_response");
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
		Map<String, Object> body = IpcMessages.body("metrics_response");
		body.putAll(MetricsSnapshot.of(this.meters));
		return body;
	}

	private Reply ofJson(Map<String, Object> body) {
		return new Reply(this.writer.writeValueAsBytes(body), false);
	}

	/** A reply frame's payload, and whether the connection closes once it is sent. */
	record Reply(byte[] payload, boolean close) {
	}

}
