package dev.vigil.models;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import dev.vigil.api.v1.CancelRequest;
import dev.vigil.api.v1.DataType;
import dev.vigil.api.v1.InferRequest;
import dev.vigil.api.v1.InferResponse;
import dev.vigil.api.v1.InferenceServiceGrpc;
import dev.vigil.api.v1.Priority;
import dev.vigil.api.v1.Tensor;
import dev.vigil.testing.Tensors;

/**
 * The inference API as the tests call it: asynchronous calls whose outcome is a status and,
 * when OK, the response.
 */
final class InferenceClient {

	private final ManagedChannel channel;

	InferenceClient(ManagedChannel channel) {
		this.channel = channel;
	}

	InferenceServiceGrpc.InferenceServiceBlockingStub blocking() {
		return InferenceServiceGrpc.newBlockingStub(this.channel).withDeadlineAfter(30, TimeUnit.SECONDS);
	}

	/** Starts a call; the future completes with its outcome, never exceptionally. */
	CompletableFuture<Outcome> infer(InferRequest request) {
		return infer(request, InferenceServiceGrpc.newStub(this.channel));
	}

	CompletableFuture<Outcome> infer(InferRequest request, InferenceServiceGrpc.InferenceServiceStub stub) {
		CompletableFuture<Outcome> outcome = new CompletableFuture<>();
		stub.infer(request, new StreamObserver<>() {

			private InferResponse response;

			@Override
			public void onNext(InferResponse value) {
				this.response = value;
			}

			@Override
			public void onError(Throwable error) {
				outcome.complete(new Outcome(Status.fromThrowable(error), null));
			}

			@Override
			public void onCompleted() {
				outcome.complete(new Outcome(Status.OK, this.response));
			}

		});
		return outcome;
	}

	/** A run of the slow model that lasts until it is cancelled (or a minute of CPU passes). */
	CompletableFuture<Outcome> hold(String requestId) {
		return infer(slow(requestId, Priority.NORMAL, 1_000_000_000L));
	}

	boolean cancel(String requestId) {
		return blocking().cancel(CancelRequest.newBuilder().setRequestId(requestId).build()).getCancelled();
	}

	static InferRequest slow(String requestId, Priority priority, long iterations) {
		return InferRequest.newBuilder()
			.setModel("slow")
			.setRequestId(requestId)
			.setPriority(priority)
			.addInputs(Tensor.newBuilder()
				.setName("iterations")
				.setDataType(DataType.INT64)
				.addInt64Data(iterations))
			.addInputs(Tensors.floats("x", new float[16], 1, 16))
			.build();
	}


	/** How a call ended. */
	record Outcome(Status status, InferResponse response) {

		Status.Code code() {
			return this.status.getCode();
		}

	}

}
