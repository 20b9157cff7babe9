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

import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;

/**
 * Keeps track of the streams that never end by themselves ({@code grpc.health.v1.Health/Watch}
 * and {@code router_hosts.v1.HostsService/WatchHosts}) so shutdown can end them: the gRPC server's
 * graceful shutdown waits for every open call, and one watching client would hold the process for
 * the whole grace period, past Kubernetes' termination deadline. Ended streams get UNAVAILABLE
 * (a health Watch after the NOT_SERVING it was sent).
 */
class EndlessStreams implements ServerInterceptor {

	private static final Set<String> ENDLESS = Set.of(HealthGrpc.getWatchMethod().getFullMethodName(),
			HostsServiceGrpc.getWatchHostsMethod().getFullMethodName());

	private final Set<EndableCall<?, ?>> open = ConcurrentHashMap.newKeySet();

	private volatile boolean ended;

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		if (!ENDLESS.contains(call.getMethodDescriptor().getFullMethodName())) {
			return next.startCall(call, headers);
		}
		EndableCall<Q, R> endable = new EndableCall<>(call);
		this.open.add(endable);
		ServerCall.Listener<Q> listener = new SimpleForwardingServerCallListener<>(next.startCall(endable, headers)) {
			@Override
			public void onCancel() {
				EndlessStreams.this.open.remove(endable);
				super.onCancel();
			}

			@Override
			public void onComplete() {
				EndlessStreams.this.open.remove(endable);
				super.onComplete();
			}
		};
		if (this.ended) {
			endable.end();
		}
		return listener;
	}

	/** Ends every open endless stream, and any that opens from now on. */
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

		/** Not ready once ended, so a stream fed as the client reads stops reading. */
		@Override
		public synchronized boolean isReady() {
			return !this.closed && super.isReady();
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
