package dev.vigil.hosts.rpc;

import java.util.List;
import java.util.function.Supplier;

import io.grpc.stub.StreamObserver;

/**
 * How the hosts component's RPCs answer: one response, or a stream read page by page; a
 * refusal or failure, as its status ({@link GrpcErrors}).
 */
final class RpcReplies {

	private RpcReplies() {
	}

	/** Runs the work and sends its one response, or its error. */
	public static <T> void unary(String method, StreamObserver<T> responses, Supplier<T> work) {
		T response;
		try {
			response = work.get();
		}
		catch (RuntimeException ex) {
			responses.onError(GrpcErrors.toStatus(method, ex));
			return;
		}
		responses.onNext(response);
		responses.onCompleted();
	}

	/** Validates the request (errors end the call at once), then streams what it asks for. */
	public static <T> void stream(String method, StreamObserver<T> responses, Supplier<Supplier<List<T>>> request) {
		Supplier<List<T>> pages;
		try {
			pages = request.get();
		}
		catch (RuntimeException ex) {
			responses.onError(GrpcErrors.toStatus(method, ex));
			return;
		}
		PagedResponseStream.start(method, responses, pages);
	}

}
