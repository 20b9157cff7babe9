package dev.vigil.models;

/**
 * Why an inference or model request cannot be done; the gRPC door maps the reason to a status.
 */
class ModelsException extends RuntimeException {

	private final Reason reason;

	ModelsException(Reason reason, String message) {
		super(message, null, false, false);
		this.reason = reason;
	}

	Reason reason() {
		return this.reason;
	}

	/** The kinds of refusal, each a gRPC status. */
	enum Reason {

		NOT_FOUND, INVALID, ALREADY_EXISTS, QUEUE_FULL, SHUTTING_DOWN, DEADLINE, CANCELLED, NOT_READY, FAILED

	}

}
