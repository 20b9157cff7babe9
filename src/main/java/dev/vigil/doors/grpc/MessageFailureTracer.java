package dev.vigil.doors.grpc;

import java.net.SocketAddress;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;

/**
 * Sees the requests grpc-java refuses before any interceptor or handler does: a message over the
 * inbound size limit (RESOURCE_EXHAUSTED) and a stream that ends in the middle of a message. The
 * transport logs each with a stack trace ({@code io.grpc.netty.NettyServerStream}, silenced in
 * {@code application.yaml}); here each becomes a line of the {@link RefusedRequestLog}, with the
 * method, and the caller and peer when the call had started by then: the transport may refuse a
 * message before the call has started on its executor, and then the call never starts.
 */
class MessageFailureTracer extends ServerStreamTracer.Factory {

	/** The stream's tracer, in its call's context, for the call's start to find. */
	private static final Context.Key<Stream> STREAM = Context.key("vigil.grpc.stream");

	/** Who sent a message the transport refused before its call started. */
	static final String UNKNOWN = "unknown";

	private final RefusedRequestLog log;

	MessageFailureTracer(RefusedRequestLog log) {
		this.log = log;
	}

	@Override
	public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
		return new Stream(fullMethodName);
	}

	/** The current call has started: its caller and peer are known (see {@link MalformedRequests}). */
	static void callStarted(String caller, SocketAddress peer) {
		Stream stream = STREAM.get();
		if (stream != null) {
			stream.started(caller, peer);
		}
	}

	/** One stream: what the transport refused, and who sent it. */
	private final class Stream extends ServerStreamTracer {

		private final String method;

		private volatile String caller;

		private volatile SocketAddress peer;

		Stream(String method) {
			this.method = method;
		}

		@Override
		public Context filterContext(Context context) {
			return context.withValue(STREAM, this);
		}

		@Override
		public void streamClosed(Status status) {
			RefusedRequestLog.Kind kind = kindOf(status);
			if (kind != null) {
				String caller = this.caller;
				MessageFailureTracer.this.log.refused(kind, this.method, status.getDescription(),
						(caller != null) ? caller : UNKNOWN, this.peer);
			}
		}

		void started(String callerName, SocketAddress from) {
			this.peer = from;
			this.caller = callerName;
		}

	}

	/** The transport's refusal of a message, from the status it closes the stream with; null for anything else. */
	static RefusedRequestLog.Kind kindOf(Status status) {
		String description = (status.getDescription() != null) ? status.getDescription() : "";
		if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED && description.contains("exceeds maximum size")) {
			return RefusedRequestLog.Kind.TOO_LARGE;
		}
		if (status.getCode() == Status.Code.INTERNAL && description.contains("end-of-stream mid-frame")) {
			return RefusedRequestLog.Kind.TRUNCATED;
		}
		return null;
	}

}
