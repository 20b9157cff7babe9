package dev.vigil.doors.ipc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Frames a reply for sending: a 4-byte little-endian length, then the payload. */
final class FrameEncoder {

	private FrameEncoder() {
	}

	static ByteBuffer frame(byte[] payload) {
		ByteBuffer frame = ByteBuffer.allocate(Integer.BYTES + payload.length).order(ByteOrder.LITTLE_ENDIAN);
		frame.putInt(payload.length).put(payload).flip();
		return frame;
	}

}
