package dev.vigil.doors.ipc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FrameDecoderTest {

	@Test
	void framesSplitAnywhereAndRunTogetherComeOutWhole() {
		byte[] one = "{\"type\":\"a\"}".getBytes(StandardCharsets.UTF_8);
		byte[] two = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
		ByteBuffer stream = ByteBuffer.allocate(8 + one.length + two.length);
		stream.put(FrameEncoder.frame(one)).put(FrameEncoder.frame(two)).flip();
		FrameDecoder decoder = new FrameDecoder(1 << 20);
		java.util.List<byte[]> frames = new java.util.ArrayList<>();
		// One byte at a time: every split point, the header's included.
		while (stream.hasRemaining()) {
			ByteBuffer piece = ByteBuffer.wrap(new byte[] { stream.get() });
			byte[] frame = decoder.next(piece);
			if (frame != null) {
				frames.add(frame);
			}
		}
		assertThat(frames).containsExactly(one, two);
	}

	@Test
	void aLengthPastTheBoundIsRefusedBeforeAnyPayloadIsRead() {
		FrameDecoder decoder = new FrameDecoder(1024);
		ByteBuffer header = ByteBuffer.wrap(new byte[] { (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff });
		assertThatExceptionOfType(FrameDecoder.FrameTooLargeException.class).isThrownBy(() -> decoder.next(header))
			.withMessage("frame of 4294967295 bytes exceeds the limit of 1024 bytes");
	}

	@Test
	void anEmptyFrameIsAFrame() {
		assertThat(new FrameDecoder(1024).next(FrameEncoder.frame(new byte[0]))).isEmpty();
	}

}
