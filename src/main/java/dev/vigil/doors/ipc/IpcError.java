package dev.vigil.doors.ipc;

/**
 * A request answered with a protocol error, {@code {"type":"error","code":…,"message":…}}, and for
 * inference the runtime's {@code error_code}; the connection stays open unless the error says it
 * closes.
 */
final class IpcError extends RuntimeException {

	static final String ADMISSION_REJECTED = "admission_rejected";

	static final String EXECUTION_FAILED = "execution_failed";

	static final String MODEL_NOT_LOADED = "model_not_loaded";

	static final String INPUT_INVALID = "input_invalid";

	static final String SHUTTING_DOWN = "shutting_down";

	private final int code;

	private final String errorCode;

	private final boolean close;

	IpcError(int code, String message) {
		this(code, message, null, false);
	}

	IpcError(int code, String message, String errorCode) {
		this(code, message, errorCode, false);
	}

	private IpcError(int code, String message, String errorCode, boolean close) {
		super(message, null, false, false);
		this.code = code;
		this.errorCode = errorCode;
		this.close = close;
	}

	/** An error after which the connection closes. */
	static IpcError closing(int code, String message) {
		return new IpcError(code, message, null, true);
	}

	int code() {
		return this.code;
	}

	/** The runtime's error code for inference errors; null for the protocol's own. */
	String errorCode() {
		return this.errorCode;
	}

	boolean close() {
		return this.close;
	}

}
