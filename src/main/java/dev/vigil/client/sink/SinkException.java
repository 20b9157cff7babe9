package dev.vigil.client.sink;

/** A sink that cannot do its work: a template that does not load or render, a contract it does not target. */
public final class SinkException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	SinkException(String message) {
		super(message);
	}

}
