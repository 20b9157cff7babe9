package dev.vigil.doors.ipc;

/**
 * A request answered with a protocol error, {@code {"type":"error","code":…,"message":…}}, after
 * which the connection stays open unless the error says it closes.
 */
final class IpcError extends RuntimeException {

	private final int code;

	private final boolean close;

	IpcError(int code, String message) {
		this(code, message, false);
	}

	private IpcError(int code, String message, boolean close) {
		super(message, null, false, false);
		this.code = code;
		this.close = close;
	}

	/** An error after which the connection closes. */
	static IpcError closing(int code, String message) {
		return new IpcError(code, message, true);
	}

	int code() {
		return this.code;
	}

	boolean close() {
		return this.close;
	}

}
