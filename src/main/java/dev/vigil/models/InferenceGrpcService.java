package dev.vigil.models;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.api.v1.CancelRequest;
import dev.vigil.api.v1.CancelResponse;
import dev.vigil.api.v1.InferRequest;
import dev.vigil.api.v1.InferResponse;
import dev.vigil.api.v1.InferenceServiceGrpc;
import dev.vigil.api.v1.ListModelsRequest;
import dev.vigil.api.v1.ListModelsResponse;
import dev.vigil.api.v1.LoadModelRequest;
import dev.vigil.api.v1.LoadModelResponse;
import dev.vigil.api.v1.UnloadModelRequest;
import dev.vigil.api.v1.UnloadModelResponse;
import dev.vigil.support.Failures;

/**
 * {@code vigil.v1.InferenceService}. Infer answers asynchronously: the call's thread only
 * validates and queues, and a worker answers. A client that goes away (cancel or deadline)
 * cancels its request, queued or running.
 */
class InferenceGrpcService extends InferenceServiceGrpc.InferenceServiceImplBase {

	private static final Logger logger = LoggerFactory.getLogger(InferenceGrpcService.class);

	private final InferenceService inference;

	private final ModelRegistry registry;

	InferenceGrpcService(InferenceService inference, ModelRegistry registry) {
		this.inference = inference;
		this.registry = registry;
	}

	@Override
	public void infer(InferRequest request, StreamObserver<InferResponse> responses) {
		String requestId = request.getRequestId().isEmpty() ? UUID.randomUUID().toString() : request.getRequestId();
		ServerCallStreamObserver<InferResponse> call = (ServerCallStreamObserver<InferResponse>) responses;
		try {
			Priority priority = switch (request.getPriority()) {
				case LOW -> Priority.LOW;
				case HIGH -> Priority.HIGH;
				case CRITICAL -> Priority.CRITICAL;
				default -> Priority.NORMAL;
			};
			call.setOnCancelHandler(() -> this.inference.cancel(requestId));
			this.inference
				.submit(requestId, request.getModel(), InferenceMessages.inputs(request.getInputsList()), priority,
						deadline(request))
				.whenComplete((result, failure) -> {
					if (failure != null) {
						fail(responses, failure);
						return;
					}
					InferResponse.Builder response = InferResponse.newBuilder()
						.setRequestId(requestId)
						.setQueueMicros(TimeUnit.NANOSECONDS.toMicros(result.queueNanos()))
						.setRunMicros(TimeUnit.NANOSECONDS.toMicros(result.runNanos()));
					result.outputs().forEach((output) -> response.addOutputs(InferenceMessages.tensor(output)));
					if (!call.isCancelled()) {
						responses.onNext(response.build());
						responses.onCompleted();
					}
				});
		}
		catch (RuntimeException ex) {
			fail(responses, ex);
		}
	}

	@Override
	public void cancel(CancelRequest request, StreamObserver<CancelResponse> responses) {
		responses.onNext(CancelResponse.newBuilder().setCancelled(this.inference.cancel(request.getRequestId())).build());
		responses.onCompleted();
	}

	@Override
	public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> responses) {
		ListModelsResponse.Builder response = ListModelsResponse.newBuilder()
			.setTotalMemoryBytes(this.registry.memoryUsedBytes());
		this.registry.list().forEach((model) -> response.addModels(InferenceMessages.model(model)));
		responses.onNext(response.build());
		responses.onCompleted();
	}

	@Override
	public void loadModel(LoadModelRequest request, StreamObserver<LoadModelResponse> responses) {
		try {
			ModelEntry model = this.registry.load(request.getName(), request.getFile());
			responses.onNext(LoadModelResponse.newBuilder().setModel(InferenceMessages.model(model)).build());
			responses.onCompleted();
		}
		catch (RuntimeException ex) {
			fail(responses, ex);
		}
	}

	@Override
	public void unloadModel(UnloadModelRequest request, StreamObserver<UnloadModelResponse> responses) {
		try {
			this.registry.unload(request.getName());
			responses.onNext(UnloadModelResponse.newBuilder().setUnloaded(true).build());
			responses.onCompleted();
		}
		catch (RuntimeException ex) {
			fail(responses, ex);
		}
	}

	/** The earlier of the call's deadline and the request's own timeout, on the nanoTime clock. */
	private static long deadline(InferRequest request) {
		long now = System.nanoTime();
		long deadline = Long.MAX_VALUE;
		Deadline callDeadline = Context.current().getDeadline();
		if (callDeadline != null) {
			deadline = now + callDeadline.timeRemaining(TimeUnit.NANOSECONDS);
		}
		if (request.hasTimeoutMs()) {
			if (request.getTimeoutMs() <= 0) {
				throw new ModelsException(ModelsException.Reason.INVALID, "timeout_ms: must be positive");
			}
			deadline = Math.min(deadline, now + TimeUnit.MILLISECONDS.toNanos(request.getTimeoutMs()));
		}
		return deadline;
	}

	private static void fail(StreamObserver<?> responses, Throwable failure) {
		Throwable cause = Failures.cause(failure);
		Status status;
		if (cause instanceof ModelsException refused) {
			status = switch (refused.reason()) {
				case NOT_FOUND -> Status.NOT_FOUND;
				case INVALID -> Status.INVALID_ARGUMENT;
				case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
				case QUEUE_FULL -> Status.RESOURCE_EXHAUSTED;
				case SHUTTING_DOWN, NOT_READY -> Status.UNAVAILABLE;
				case DEADLINE -> Status.DEADLINE_EXCEEDED;
				case CANCELLED -> Status.CANCELLED;
				case FAILED -> Status.INTERNAL;
			};
			status = status.withDescription(refused.getMessage());
		}
		else {
			logger.error("inference.rpc.error", cause);
			status = Status.INTERNAL.withDescription("internal error");
		}
		if (!(responses instanceof ServerCallStreamObserver<?> call) || !call.isCancelled()) {
			responses.onError(status.asRuntimeException());
		}
	}

}
