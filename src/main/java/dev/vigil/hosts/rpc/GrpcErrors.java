package dev.vigil.hosts.rpc;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.hosts.registry.HostsException;
import dev.vigil.security.Callers;
import dev.vigil.hosts.registry.HostWrites.WriteCaller;

/**
 * Registry errors as gRPC statuses, and the current call as a write's caller.
 * An unexpected failure is logged once and reaches the client as INTERNAL without its details.
 */
final class GrpcErrors {

	private static final Logger logger = LoggerFactory.getLogger(GrpcErrors.class);

	private GrpcErrors() {
	}

	static StatusRuntimeException toStatus(String method, RuntimeException ex) {
		if (ex instanceof StatusRuntimeException status) {
			return status;
		}
		if (ex instanceof HostsException hosts) {
			return statusOf(hosts.reason()).withDescription(hosts.getMessage()).asRuntimeException();
		}
		logger.error("hosts.rpc.failed method={}", method, ex);
		return Status.INTERNAL.withDescription("internal error").asRuntimeException();
	}

	/**
	 * The current call as a write's caller: its identity as the access rules set it, a check that
	 * throws once it was cancelled or ran out of time, so that its write is not started or its
	 * transaction rolls back, and its deadline, which bounds the write's wait for the write lock.
	 */
	public static WriteCaller caller() {
		Context context = Context.current();
		Supplier<String> name = Callers.ofCurrentCall();
		return new WriteCaller() {

			@Override
			public String name() {
				return name.get();
			}

			@Override
			public void check() {
				if (!context.isCancelled()) {
					return;
				}
				Deadline deadline = context.getDeadline();
				if (deadline != null && deadline.isExpired()) {
					throw new HostsException(HostsException.Reason.DEADLINE_EXCEEDED, "deadline exceeded; nothing was written");
				}
				throw new HostsException(HostsException.Reason.CANCELLED, "call cancelled; nothing was written");
			}

			@Override
			public Optional<Duration> remaining() {
				Deadline deadline = context.getDeadline();
				return (deadline != null) ? Optional.of(Duration.ofNanos(Math.max(0, deadline.timeRemaining(TimeUnit.NANOSECONDS))))
						: Optional.empty();
			}

		};
	}

	private static Status statusOf(HostsException.Reason reason) {
		return switch (reason) {
			case INVALID -> Status.INVALID_ARGUMENT;
			case NOT_FOUND -> Status.NOT_FOUND;
			case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
			case VERSION_CONFLICT, CONCURRENT_WRITE -> Status.ABORTED;
			case TOO_LARGE -> Status.RESOURCE_EXHAUSTED;
			case UNAVAILABLE -> Status.UNAVAILABLE;
			case DEADLINE_EXCEEDED -> Status.DEADLINE_EXCEEDED;
			case CANCELLED -> Status.CANCELLED;
		};
	}

}
