package dev.vigil.doors.grpc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;

/**
 * Keeps track of open {@code grpc.health.v1.Health/Watch} streams so shutdown can end them. A
 * Watch never ends by itself, and the gRPC server's graceful shutdown waits for every open call:
 * one watching client would hold the process for the whole grace period, past Kubernetes'
 * termination deadline. Ended streams get UNAVAILABLE, after the NOT_SERVING they were sent.
 */
class HealthWatchStreams implements ServerInterceptor {

	private static final String WATCH = HealthGrpc.getWatchMethod().getFullMethodName();

	private final Set<EndableCall<?, ?>> open = ConcurrentHashMap.newKeySet();

	private volatile boolean ended;

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		if (!WATCH.equals(call.getMethodDescriptor().getFullMethodName())) {
			return next.startCall(call, headers);
		}
		EndableCall<Q, R> endable = new EndableCall<>(call);
		this.open.add(endable);
		ServerCall.Listener<Q> listener = new SimpleForwardingServerCallListener<>(next.startCall(endable, headers)) {
			@Override
			public void onCancel() {
				HealthWatchStreams.this.open.remove(endable);
				super.onCancel();
			}

			@Override
			public void onComplete() {
				HealthWatchStreams.this.open.remove(endable);
				super.onComplete();
			}
		};
		if (this.ended) {
			endable.end();
		}
		return listener;
	}

	/** Ends every open Watch stream, and any that opens from now on. */
	void endAll() {
		this.ended = true;
		this.open.forEach(EndableCall::end);
	}

	/** A call that can be ended from outside; whatever the service sends after that is dropped. */
	private static final class EndableCall<Q, R> extends SimpleForwardingServerCall<Q, R> {

		private boolean closed;

		EndableCall(ServerCall<Q, R> call) {
			super(call);
		}

		@Override
		public synchronized void sendHeaders(Metadata headers) {
			if (!this.closed) {
				super.sendHeaders(headers);
			}
		}

		@Override
		public synchronized void sendMessage(R message) {
			if (!this.closed) {
				super.sendMessage(message);
			}
		}

		@Override
		public synchronized void close(Status status, Metadata trailers) {
			if (!this.closed) {
				this.closed = true;
				super.close(status, trailers);
			}
		}

		void end() {
			close(Status.UNAVAILABLE.withDescription("server shutting down"), new Metadata());
		}

	}

}
