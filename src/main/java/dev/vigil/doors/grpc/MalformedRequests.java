package dev.vigil.doors.grpc;

import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;

import com.google.protobuf.Message;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;

/**
 * Requests read where a failure can be answered. grpc-java parses a request inside its server,
 * where a parse failure ends the call UNKNOWN and logs its stack trace once per call; so every
 * method is bound here with a request marshaller that gives no message (null) where the bytes are
 * not one, and a listener that answers that before the handler hears of it. A request that is not
 * a valid message of its type is the caller's mistake: the call ends INVALID_ARGUMENT naming the
 * type (never the bytes), and the {@link RefusedRequestLog} counts it and says so in one line at
 * most once a minute per caller. Each call's start also tells the {@link MessageFailureTracer} who
 * called, for the refusals the transport makes before any handler.
 */
class MalformedRequests {

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

	/** Each of {@code methods} with its request parsed here. */
	List<ServerMethodDefinition<?, ?>> guard(List<? extends ServerMethodDefinition<?, ?>> methods) {
		return methods.stream().<ServerMethodDefinition<?, ?>>map(this::guard).toList();
	}

	private <Q, R> ServerMethodDefinition<Q, R> guard(ServerMethodDefinition<Q, R> method) {
		MethodDescriptor<Q, R> original = method.getMethodDescriptor();
		MethodDescriptor<Q, R> lenient = original
			.toBuilder(new OrNothing<>(original.getRequestMarshaller()), original.getResponseMarshaller())
			.build();
		return ServerMethodDefinition.create(lenient, (call, headers) -> {
			String callerName = this.caller.get();
			MessageFailureTracer.callStarted(callerName, call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
			return new Refusing<>(method.getServerCallHandler().startCall(call, headers), () -> refuse(call, original, callerName));
		});
	}

	/** Ends the call INVALID_ARGUMENT, counts it, and logs it unless this caller was logged within the interval. */
	private void refuse(ServerCall<?, ?> call, MethodDescriptor<?, ?> method, String callerName) {
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

	/** The method's own marshaller, but no message rather than an exception where the bytes are not one. */
	private record OrNothing<Q>(MethodDescriptor.Marshaller<Q> parser) implements MethodDescriptor.Marshaller<Q> {

		@Override
		public InputStream stream(Q value) {
			return this.parser.stream(value);
		}

		@Override
		public Q parse(InputStream stream) {
			try {
				return this.parser.parse(stream);
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

	}

	/** The handler's listener, told nothing more once a request could not be read, but the call's end. */
	private static final class Refusing<Q> extends SimpleForwardingServerCallListener<Q> {

		private final Runnable refuse;

		private boolean refused;

		Refusing(ServerCall.Listener<Q> listener, Runnable refuse) {
			super(listener);
			this.refuse = refuse;
		}

		@Override
		public void onMessage(Q request) {
			if (this.refused) {
				return;
			}
			if (request == null) {
				this.refused = true;
				this.refuse.run();
				return;
			}
			super.onMessage(request);
		}

		@Override
		public void onHalfClose() {
			if (!this.refused) {
				super.onHalfClose();
			}
		}

		@Override
		public void onReady() {
			if (!this.refused) {
				super.onReady();
			}
		}

	}

}
