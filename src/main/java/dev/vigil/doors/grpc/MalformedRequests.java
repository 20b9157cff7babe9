package dev.vigil.doors.grpc;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.google.protobuf.Message;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;

import dev.vigil.support.ServiceDefinitions;

/**
 * Requests read where a failure can be answered. grpc-java parses a request inside its server,
 * where a parse failure ends the call UNKNOWN and logs its stack trace once per call; so every
 * method is bound here with its request as the bytes received, and parsed before its handler sees
 * it. A request that is not a valid message of its type is the caller's mistake: the call ends
 * INVALID_ARGUMENT naming the type (never the bytes), and the {@link RefusedRequestLog} counts it
 * and says so in one line at most once a minute per caller.
 */
class MalformedRequests {

	private static final MethodDescriptor.Marshaller<InputStream> BYTES = new MethodDescriptor.Marshaller<>() {

		@Override
		public InputStream stream(InputStream value) {
			return value;
		}

		@Override
		public InputStream parse(InputStream stream) {
			return stream;
		}

	};

	private final Supplier<String> caller;

	private final RefusedRequestLog log;

	/**
	 * @param caller the authenticated identity of the call being started
	 * @param log where a refused request is counted and logged
	 */
	MalformedRequests(Supplier<String> caller, RefusedRequestLog log) {
		this.caller = caller;
		this.log = log;
	}

	/** {@code service} with every method's request parsed here. */
	ServerServiceDefinition guard(ServerServiceDefinition service) {
		List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
		service.getMethods().forEach((method) -> methods.add(guard(method)));
		return ServiceDefinitions.withMethods(service, methods);
	}

	private <Q, R> ServerMethodDefinition<InputStream, R> guard(ServerMethodDefinition<Q, R> method) {
		MethodDescriptor<Q, R> original = method.getMethodDescriptor();
		MethodDescriptor<InputStream, R> received = original.toBuilder(BYTES, original.getResponseMarshaller()).build();
		ServerCallHandler<Q, R> handler = method.getServerCallHandler();
		return ServerMethodDefinition.create(received, (call, headers) -> {
			ParsingCall<Q, R> parsing = new ParsingCall<>(call, original);
			String callerName = this.caller.get();
			MessageFailureTracer.callStarted(callerName, call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
			ServerCall.Listener<Q> listener = handler.startCall(parsing, headers);
			return new ParsingListener<>(parsing, listener, () -> refuse(call, original, callerName));
		});
	}

	/** Ends the call INVALID_ARGUMENT, counts it, and logs it unless this caller was logged within the interval. */
	private void refuse(ServerCall<InputStream, ?> call, MethodDescriptor<?, ?> method, String callerName) {
		String type = requestType(method);
		call.close(Status.INVALID_ARGUMENT.withDescription("the request could not be read as " + type), new Metadata());
		this.log.refused(RefusedRequestLog.Kind.MALFORMED, method.getFullMethodName(), "not a valid " + type, callerName,
				call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
	}

	/** The request's message type, for protobuf methods; else the method. */
	private static String requestType(MethodDescriptor<?, ?> method) {
		if (method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> prototype
				&& prototype.getMessagePrototype() instanceof Message message) {
			return message.getDescriptorForType().getFullName();
		}
		return "the request of " + method.getFullMethodName();
	}

	/** The call as its handler sees it: with its request type, forwarding all else to the call received. */
	private static final class ParsingCall<Q, R> extends ServerCall<Q, R> {

		private final ServerCall<InputStream, R> call;

		private final MethodDescriptor<Q, R> method;

		private volatile boolean refused;

		ParsingCall(ServerCall<InputStream, R> call, MethodDescriptor<Q, R> method) {
			this.call = call;
			this.method = method;
		}

		@Override
		public void request(int count) {
			this.call.request(count);
		}

		@Override
		public void sendHeaders(Metadata headers) {
			this.call.sendHeaders(headers);
		}

		@Override
		public void sendMessage(R message) {
			this.call.sendMessage(message);
		}

		@Override
		public boolean isReady() {
			return this.call.isReady();
		}

		/** Once the request was refused, the handler's own close (say, of a unary call missing its request) is dropped. */
		@Override
		public void close(Status status, Metadata trailers) {
			if (!this.refused) {
				this.call.close(status, trailers);
			}
		}

		@Override
		public boolean isCancelled() {
			return this.call.isCancelled();
		}

		@Override
		public void setMessageCompression(boolean enabled) {
			this.call.setMessageCompression(enabled);
		}

		@Override
		public void setCompression(String compressor) {
			this.call.setCompression(compressor);
		}

		@Override
		public void setOnReadyThreshold(int numBytes) {
			this.call.setOnReadyThreshold(numBytes);
		}

		@Override
		public SecurityLevel getSecurityLevel() {
			return this.call.getSecurityLevel();
		}

		@Override
		public Attributes getAttributes() {
			return this.call.getAttributes();
		}

		@Override
		public String getAuthority() {
			return this.call.getAuthority();
		}

		@Override
		public MethodDescriptor<Q, R> getMethodDescriptor() {
			return this.method;
		}

	}

	/** Parses each request before the handler's listener hears of it; after a refusal, it hears only the end. */
	private static final class ParsingListener<Q> extends ServerCall.Listener<InputStream> {

		private final ParsingCall<Q, ?> call;

		private final ServerCall.Listener<Q> listener;

		private final Runnable refuse;

		ParsingListener(ParsingCall<Q, ?> call, ServerCall.Listener<Q> listener, Runnable refuse) {
			this.call = call;
			this.listener = listener;
			this.refuse = refuse;
		}

		@Override
		public void onMessage(InputStream bytes) {
			if (this.call.refused) {
				return;
			}
			Q request;
			try {
				request = this.call.method.parseRequest(bytes);
			}
			catch (RuntimeException ex) {
				this.call.refused = true;
				this.refuse.run();
				return;
			}
			this.listener.onMessage(request);
		}

		@Override
		public void onHalfClose() {
			if (!this.call.refused) {
				this.listener.onHalfClose();
			}
		}

		@Override
		public void onCancel() {
			this.listener.onCancel();
		}

		@Override
		public void onComplete() {
			this.listener.onComplete();
		}

		@Override
		public void onReady() {
			if (!this.call.refused) {
				this.listener.onReady();
			}
		}

	}

}
