package dev.vigil.hosts.rpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.hosts.registry.HostsException;
import dev.vigil.hosts.registry.HostsRegistry.Checkpoint;

/**
 * Registry errors as gRPC statuses, and the checkpoint that stops a write whose caller has gone.
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

	/** Throws when the current call was cancelled or ran out of time, so its transaction rolls back. */
	public static Checkpoint checkpoint() {
		Context context = Context.current();
		return () -> {
			if (!context.isCancelled()) {
				return;
			}
			Deadline deadline = context.getDeadline();
			if (deadline != null && deadline.isExpired()) {
				throw new HostsException(HostsException.Reason.DEADLINE_EXCEEDED, "deadline exceeded; nothing was written");
			}
			throw new HostsException(HostsException.Reason.CANCELLED, "call cancelled; nothing was written");
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
