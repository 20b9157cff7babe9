package dev.vigil.doors.ipc;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.models.InferenceApi;
import dev.vigil.models.ModelsException;
import dev.vigil.models.Priority;
import dev.vigil.support.Failures;
import dev.vigil.support.OneLine;
import tools.jackson.databind.JsonNode;

/**
 * {@code inference_request}, {@code cancel_request} and {@code warmup_request}, through the same
 * inference API, queue and drain as gRPC {@code Infer}. Each needs a session: a connection without
 * a handshake gets 401. Answers that wait for the queue complete later, off the socket's thread.
 */
final class IpcInferenceAnswers {

	private final InferenceApi inference;

	/** Each inference request as a span, the parent of its wait in the queue and of its run. */
	private final ObservationRegistry observations;

	IpcInferenceAnswers(InferenceApi inference, ObservationRegistry observations) {
		this.inference = inference;
		this.observations = observations;
	}

	/** Refused at once (thrown), or the response when the run ends; a failed run completes with an {@link IpcError}. */
	CompletableFuture<Map<String, Object>> infer(JsonNode message, IpcSession session) {
		requireSession(session);
		String requestId = text(message, "request_id");
		String id = requestId.isEmpty() ? UUID.randomUUID().toString() : requestId;
		String model = requiredText(message, "model_id");
		Priority priority = priority(message.path("priority"));
		long deadline = deadline(message.path("timeout_ms"));
		CompletableFuture<Map<String, Object>> answer;
		Observation request = Observation.createNotStarted("vigil.ipc.inference", this.observations)
			.contextualName("ipc inference_request")
			.start();
		try (Observation.Scope scope = request.openScope()) {
			answer = this.inference.submit(id, model, IpcTensors.read(message.path("inputs")), priority, deadline)
				.thenApply((result) -> {
					Map<String, Object> body = IpcMessages.body("inference_response");
					body.put("request_id", id);
					body.put("outputs", result.outputs().stream().map(IpcTensors::write).toList());
					body.put("queue_micros", TimeUnit.NANOSECONDS.toMicros(result.queueNanos()));
					body.put("run_micros", TimeUnit.NANOSECONDS.toMicros(result.runNanos()));
					return body;
				});
		}
		catch (ModelsException ex) {
			request.error(ex).stop();
			throw error(ex);
		}
		session.started(id);
		return answer.whenComplete((body, failure) -> {
			session.finished(id);
			if (failure != null) {
				request.error(failure);
			}
			request.stop();
		})
			.exceptionally((failure) -> {
				throw error(failure);
			});
	}

	Map<String, Object> cancel(JsonNode message, IpcSession session) {
		requireSession(session);
		String requestId = requiredText(message, "request_id");
		Map<String, Object> body = IpcMessages.body("cancel_response");
		body.put("request_id", requestId);
		body.put("cancelled", this.inference.cancel(requestId));
		return body;
	}

	/** Always a {@code warmup_response}: a model that cannot run says so in {@code success} and {@code error}. */
	CompletableFuture<Map<String, Object>> warmup(JsonNode message, IpcSession session) {
		requireSession(session);
		String model = requiredText(message, "model_id");
		CompletableFuture<Duration> run;
		try {
			run = this.inference.warmup(model);
		}
		catch (ModelsException ex) {
			run = CompletableFuture.failedFuture(ex);
		}
		return run.handle((elapsed, failure) -> {
			Map<String, Object> body = IpcMessages.body("warmup_response");
			body.put("model_id", model);
			body.put("success", failure == null);
			body.put("error", (failure == null) ? null : OneLine.of(Failures.cause(failure)));
			body.put("elapsed_ms", (failure == null) ? elapsed.toMillis() : 0);
			return body;
		});
	}

	/** Cancels what the connection left running: a client that goes away stops its requests, as on gRPC. */
	void abandon(IpcSession session) {
		session.inFlight().forEach(this.inference::cancel);
	}

	private static void requireSession(IpcSession session) {
		if (session.sessionId() == null) {
			throw new IpcError(401, "handshake required");
		}
	}

	private static String text(JsonNode message, String field) {
		JsonNode value = message.path(field);
		if (value.isMissingNode() || value.isNull()) {
			return "";
		}
		if (!value.isString()) {
			throw new IpcError(400, field + ": must be a string", IpcError.INPUT_INVALID);
		}
		return value.asString();
	}

	private static String requiredText(JsonNode message, String field) {
		String value = text(message, field);
		if (value.isEmpty()) {
			throw new IpcError(400, field + ": required", IpcError.INPUT_INVALID);
		}
		return value;
	}

	private static Priority priority(JsonNode priority) {
		if (priority.isMissingNode() || priority.isNull()) {
			return Priority.NORMAL;
		}
		String text = priority.isString() ? priority.asString().toUpperCase(Locale.ROOT) : "";
		for (Priority candidate : Priority.values()) {
			if (candidate.name().equals(text)) {
				return candidate;
			}
		}
		throw new IpcError(400, "priority: must be low, normal, high or critical", IpcError.INPUT_INVALID);
	}

	private static long deadline(JsonNode timeoutMs) {
		if (timeoutMs.isMissingNode() || timeoutMs.isNull()) {
			return Long.MAX_VALUE;
		}
		if (!timeoutMs.isIntegralNumber() || !timeoutMs.canConvertToLong() || timeoutMs.asLong() <= 0) {
			throw new IpcError(400, "timeout_ms: must be a positive integer", IpcError.INPUT_INVALID);
		}
		return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs.asLong());
	}


	/** The inference API's refusal or failure as the runtime's error codes, on the door's HTTP-like codes. */
	private static IpcError error(Throwable failure) {
		Throwable cause = Failures.cause(failure);
		if (cause instanceof IpcError ipc) {
			return ipc;
		}
		if (!(cause instanceof ModelsException refused)) {
			return new IpcError(503, "inference failed", IpcError.EXECUTION_FAILED);
		}
		String message = refused.getMessage();
		return switch (refused.reason()) {
			case INVALID, ALREADY_EXISTS -> new IpcError(400, message, IpcError.INPUT_INVALID);
			case NOT_FOUND, NOT_READY -> new IpcError(503, message, IpcError.MODEL_NOT_LOADED);
			case QUEUE_FULL -> new IpcError(429, message, IpcError.ADMISSION_REJECTED);
			case SHUTTING_DOWN -> new IpcError(503, message, IpcError.SHUTTING_DOWN);
			case DEADLINE, CANCELLED, FAILED -> new IpcError(503, message, IpcError.EXECUTION_FAILED);
		};
	}


}
