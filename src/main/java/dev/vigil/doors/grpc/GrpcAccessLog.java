package dev.vigil.doors.grpc;

import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.security.Callers;
import dev.vigil.security.GrpcMethods;
import dev.vigil.security.RpcKind;

/**
 * The gRPC access log: one line per call on its own logger, {@value #LOGGER}, so that it can be
 * routed or silenced: the method, who called (the token's name, the certificate's subject, or
 * {@code anonymous}), from where, the status and how long it took. Never a token or a message.
 * It writes the calls that change something and every refusal; calls that only read when
 * {@code vigil.grpc.access-log.reads} is set. Health RPCs and probes, which a kubelet or a load
 * balancer sends all day, never: they pass through untouched.
 */
class GrpcAccessLog implements ServerInterceptor {

	/** The access log's logger. */
	static final String LOGGER = "vigil.grpc.access";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER);

	/** The caller's mistakes and the refusals of the access rules: always written. */
	private static final Set<Status.Code> REFUSALS = Set.of(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED,
			Status.Code.RESOURCE_EXHAUSTED, Status.Code.INVALID_ARGUMENT);

	private final GrpcDoorProperties.AccessLog settings;

	private final LongSupplier nanoTime;

	GrpcAccessLog(GrpcDoorProperties.AccessLog settings, LongSupplier nanoTime) {
		this.settings = settings;
		this.nanoTime = nanoTime;
	}

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		MethodDescriptor<Q, R> method = call.getMethodDescriptor();
		if (!this.settings.enabled() || GrpcMethods.isHealth(method.getFullMethodName())) {
			return next.startCall(call, headers);
		}
		boolean writes = GrpcMethods.kindOf(method.getFullMethodName()).filter((kind) -> kind == RpcKind.WRITE).isPresent();
		long started = this.nanoTime.getAsLong();
		// The access rules, which run inside this, write who they authenticated in the call's holder.
		Supplier<String> caller = Callers.ofCurrentCall();
		return next.startCall(new SimpleForwardingServerCall<>(call) {

			@Override
			public void close(Status status, Metadata trailers) {
				if (writes || this.refused(status) || GrpcAccessLog.this.settings.reads()) {
					SocketAddress peer = getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
					logger.info("grpc.access method={} caller={} peer={} status={} durationMs={}",
							method.getFullMethodName(), caller.get(), peer, status.getCode(),
							TimeUnit.NANOSECONDS.toMillis(GrpcAccessLog.this.nanoTime.getAsLong() - started));
				}
				super.close(status, trailers);
			}

			private boolean refused(Status status) {
				return REFUSALS.contains(status.getCode());
			}

		}, headers);
	}

}
