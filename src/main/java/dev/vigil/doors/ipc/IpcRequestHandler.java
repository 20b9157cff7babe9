package dev.vigil.doors.ipc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.models.ModelCatalog;
import dev.vigil.models.ModelSummary;
import dev.vigil.support.Failures;
import dev.vigil.support.OneLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers one frame of the IPC protocol: reads it, applies the connection's request rate (every
 * message but {@code health_check}), hands it to the answer for its {@code type}, and turns a
 * failure into an error frame. Health never waits on anything: it reads the latest results. An
 * answer that waits for the inference queue is delivered later, off the socket's thread.
 */
final class IpcRequestHandler {

	private static final Logger logger = LoggerFactory.getLogger(IpcRequestHandler.class);

	private final IpcMessageParser parser = new IpcMessageParser();

	private final IpcHealthAnswers health;

	private final IpcHandshake handshake;

	private final IpcInferenceAnswers inference;

	private final Supplier<String> prometheusText;

	private final ModelCatalog models;

	private final MeterRegistry meters;

	private final LongSupplier nanoTime;

	private final JsonMapper writer;

	IpcRequestHandler(IpcHealthAnswers health, IpcHandshake handshake, IpcInferenceAnswers inference,
			Supplier<String> prometheusText, ModelCatalog models, MeterRegistry meters, JsonMapper writer,
			LongSupplier nanoTime) {
		this.health = health;
		this.handshake = handshake;
		this.inference = inference;
		this.prometheusText = prometheusText;
		this.models = models;
		this.meters = meters;
		this.writer = writer;
		this.nanoTime = nanoTime;
	}

	/**
	 * The reply to one frame, and whether the connection closes after it; null when the reply
	 * comes later, through {@code later}, from another thread.
	 */
	Reply handle(byte[] frame, IpcSession session, Consumer<Reply> later) {
		try {
			JsonNode message = this.parser.parse(frame);
			String type = message.path("type").asString("");
			if (type.equals("health_check")) {
				return ofJson(this.health.answer(message));
			}
			if (!session.requests().tryTake(this.nanoTime.getAsLong())) {
				throw new IpcError(429, "too many requests: at most the configured rate per second");
			}
			switch (type) {
				case "inference_request" -> {
					return later(this.inference.infer(message, session), later);
				}
				case "warmup_request" -> {
					return later(this.inference.warmup(message, session), later);
				}
				default -> {
					return ofJson(switch (type) {
						case "models_request" -> modelsResponse();
						case "metrics_request" -> metricsResponse();
						case "prometheus_request" -> prometheusResponse();
						case "cancel_request" -> this.inference.cancel(message, session);
						case "handshake" -> this.handshake.answer(message, session);
						case "" -> throw new IpcError(400, "type: required, a string");
						default -> throw new IpcError(400, "unknown type '" + OneLine.of(type) + "'");
					});
				}
			}
		}
		catch (IpcError error) {
			return error(error);
		}
		catch (RuntimeException ex) {
			logger.warn("ipc.request.failed error=\"{}\"", OneLine.of(ex));
			return error(503, "unavailable", false);
		}
	}

	/** An error frame, written by the serializer so any message is valid JSON. */
	Reply error(int code, String message, boolean close) {
		return error(close ? IpcError.closing(code, message) : new IpcError(code, message));
	}

	/** Cancels what a closed connection left queued or running. */
	void abandon(IpcSession session) {
		this.inference.abandon(session);
	}

	private Reply error(IpcError error) {
		Map<String, Object> body = IpcMessages.body("error");
		body.put("code", error.code());
		body.put("message", error.getMessage());
		if (error.errorCode() != null) {
			body.put("error_code", error.errorCode());
		}
		return new Reply(this.writer.writeValueAsBytes(body), error.close());
	}

	private Reply later(CompletableFuture<Map<String, Object>> answer, Consumer<Reply> later) {
		answer.whenComplete((body, failure) -> {
			Throwable cause = Failures.cause(failure);
			later.accept((cause == null) ? ofJson(body)
					: (cause instanceof IpcError error) ? error(error) : error(503, "unavailable", false));
		});
		return null;
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

	/** The Prometheus text exposition, the same as {@code /actuator/prometheus} serves. */
	private Map<String, Object> prometheusResponse() {
		Map<String, Object> body = IpcMessages.body("prometheus_response");
		body.put("text", this.prometheusText.get());
		return body;
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
