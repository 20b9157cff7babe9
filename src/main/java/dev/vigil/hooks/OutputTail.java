package dev.vigil.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the last {@code limit} bytes of a stream, so a chatty hook costs bounded memory.
 */
final class OutputTail {

	private final byte[] ring;

	private long total;

	OutputTail(int limit) {
		this.ring = new byte[limit];
	}

	/** Reads the stream to its end, keeping the tail. */
	void consume(InputStream input) throws IOException {
		byte[] buffer = new byte[8192];
		for (int read = input.read(buffer); read >= 0; read = input.read(buffer)) {
			append(buffer, read);
		}
	}

	synchronized void append(byte[] bytes, int length) {
		int skip = Math.max(0, length - this.ring.length);
		int position = (int) ((this.total + skip) % this.ring.length);
		int remaining = length - skip;
		int first = Math.min(remaining, this.ring.length - position);
		System.arraycopy(bytes, skip, this.ring, position, first);
		System.arraycopy(bytes, skip + first, this.ring, 0, remaining - first);
		this.total += length;
	}

	/** Whether bytes before the tail were dropped. */
	synchronized boolean truncated() {
		return this.total > this.ring.length;
	}

	/** The tail as text; a character cut in half at its start becomes a replacement character. */
	synchronized String text() {
		int kept = (int) Math.min(this.total, this.ring.length);
		int start = (int) ((this.total - kept) % this.ring.length);
		byte[] tail = new byte[kept];
		int first = Math.min(kept, this.ring.length - start);
		System.arraycopy(this.ring, start, tail, 0, first);
		System.arraycopy(this.ring, 0, tail, first, kept - first);
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPLACE)
				.onUnmappableCharacter(CodingErrorAction.REPLACE)
				.decode(ByteBuffer.wrap(tail))
				.toString();
		}
		catch (CharacterCodingException ex) {
			// Unreachable: the decoder replaces rather than reports.
			throw new IllegalStateException(ex);
		}
	}

}
