package dev.vigil.doors.ipc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Cuts a connection's bytes into frames: a 4-byte little-endian unsigned length, then that many
 * bytes. The payload buffer grows with the bytes that actually arrive, so a client that announces
 * a large frame and sends little costs little.
 */
final class FrameDecoder {

	private static final int INITIAL_CAPACITY = 4096;

	private final long maxFrameSize;

	private final ByteBuffer header = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);

	private byte[] payload;

	private int length = -1;

	private int filled;

	FrameDecoder(long maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	/**
	 * Consumes bytes of {@code in} up to the end of the next frame. Returns that frame's payload, or
	 * null when {@code in} ran out first.
	 * @throws FrameTooLargeException when a frame announces more than the bound
	 */
	byte[] next(ByteBuffer in) {
		if (this.length < 0) {
			while (this.header.hasRemaining() && in.hasRemaining()) {
				this.header.put(in.get());
			}
			if (this.header.hasRemaining()) {
				return null;
			}
			long announced = Integer.toUnsignedLong(this.header.getInt(0));
			if (announced > this.maxFrameSize) {
				throw new FrameTooLargeException(announced, this.maxFrameSize);
			}
			this.length = (int) announced;
			this.payload = new byte[Math.min(this.length, INITIAL_CAPACITY)];
			this.filled = 0;
		}
		int take = Math.min(in.remaining(), this.length - this.filled);
		if (this.filled + take > this.payload.length) {
			int grown = (int) Math.min(this.length, Math.max((long) this.payload.length * 2, this.filled + take));
			this.payload = Arrays.copyOf(this.payload, grown);
		}
		in.get(this.payload, this.filled, take);
		this.filled += take;
		if (this.filled < this.length) {
			return null;
		}
		byte[] frame = this.payload;
		this.payload = null;
		this.length = -1;
		this.header.clear();
		return frame;
	}

	/** A frame announced a length past the bound. */
	static final class FrameTooLargeException extends RuntimeException {

		FrameTooLargeException(long announced, long bound) {
			super("frame of " + announced + " bytes exceeds the limit of " + bound + " bytes", null, false, false);
		}

	}

}
