package dev.vigil.models;

/**
 * Why an inference or model request cannot be done; each door maps the reason to its own status.
 */
public class ModelsException extends RuntimeException {

	private final Reason reason;

	ModelsException(Reason reason, String message) {
		super(message, null, false, false);
		this.reason = reason;
	}

	/** Why the request was refused or failed. */
	public Reason reason() {
		return this.reason;
	}

	/** The kinds of refusal, each a gRPC status. */
	public enum Reason {

		NOT_FOUND, INVALID, ALREADY_EXISTS, QUEUE_FULL, SHUTTING_DOWN, DEADLINE, CANCELLED, NOT_READY, FAILED

	}

}
