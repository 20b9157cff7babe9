package dev.vigil.doors.ipc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import dev.vigil.testing.FixedAndFreshSeeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The IPC socket's decoding on bytes nobody chose: frames come back exactly however the bytes are
 * split on the way; any bytes at all give frames, or the one error for an oversized one; any frame
 * parses to a JSON object or is refused 400. Each property runs with a fixed seed and, once more,
 * with a new one that a failure prints.
 */
@FixedAndFreshSeeds
class IpcDecodingPropertiesTest {

	private static final int MAX_FRAME = 1024;

	@Property(tries = 300)
	void framesComeBackExactlyHoweverTheBytesAreSplit(@ForAll("payloads") List<byte[]> payloads,
			@ForAll("splits") List<Integer> splits) {
		framesComeBack(payloads, splits);
	}

	@Property(tries = 500)
	void anyBytesGiveFramesOrTheOversizeError(@ForAll("bytes") byte[] bytes) {
		decodesOrRefuses(bytes);
	}

	@Property(tries = 500)
	void anyFrameIsAnObjectOrRefused400(@ForAll("frames") byte[] frame) {
		parsesOrRefuses(frame);
	}

	private static void framesComeBack(List<byte[]> payloads, List<Integer> splits) {
		ByteBuffer all = ByteBuffer.allocate(payloads.stream().mapToInt((payload) -> payload.length + 4).sum());
		payloads.forEach((payload) -> all.put(FrameEncoder.frame(payload)));
		all.flip();
		FrameDecoder decoder = new FrameDecoder(MAX_FRAME);
		List<byte[]> frames = new ArrayList<>();
		int split = 0;
		while (all.hasRemaining()) {
			int size = Math.min(all.remaining(), splits.get(split++ % splits.size()));
			ByteBuffer chunk = all.slice(all.position(), size);
			all.position(all.position() + size);
			for (byte[] frame = decoder.next(chunk); frame != null; frame = decoder.next(chunk)) {
				frames.add(frame);
			}
			assertThat(chunk.hasRemaining()).as("a chunk is consumed whole").isFalse();
		}
		assertThat(frames).containsExactlyElementsOf(payloads);
	}

	private static void decodesOrRefuses(byte[] bytes) {
		FrameDecoder decoder = new FrameDecoder(MAX_FRAME);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		Throwable thrown = catchThrowable(() -> {
			while (decoder.next(in) != null) {
				assertThat(in.position()).isPositive();
			}
		});
		if (thrown != null) {
			assertThat(thrown).isInstanceOf(FrameDecoder.FrameTooLargeException.class)
				.hasMessageContaining("exceeds the limit of " + MAX_FRAME);
		}
	}

	private static void parsesOrRefuses(byte[] frame) {
		IpcMessageParser parser = new IpcMessageParser();
		Throwable thrown = catchThrowable(() -> {
			JsonNode message = parser.parse(frame);
			assertThat(message.isObject()).isTrue();
		});
		if (thrown != null) {
			assertThat(thrown).isInstanceOfSatisfying(IpcError.class,
					(error) -> assertThat(error.getMessage()).startsWith("malformed frame"));
		}
	}

	@Provide
	Arbitrary<List<byte[]>> payloads() {
		return Arbitraries.bytes().array(byte[].class).ofMaxSize(MAX_FRAME).list().ofMaxSize(6);
	}

	@Provide
	Arbitrary<List<Integer>> splits() {
		return Arbitraries.integers().between(1, 64).list().ofMinSize(1).ofMaxSize(8);
	}

	@Provide
	Arbitrary<byte[]> bytes() {
		return Arbitraries.bytes().array(byte[].class).ofMaxSize(256);
	}

	/** Noise, and JSON with its brackets, quotes and escapes in any order and depth. */
	@Provide
	Arbitrary<byte[]> frames() {
		return Arbitraries.oneOf(bytes(),
				Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+ tfnrulas\\u").ofMaxLength(200).map(String::getBytes),
				Arbitraries.strings().ofMaxLength(100).map((text) -> ("{\"request\":\"" + text + "\"}").getBytes()),
				Arbitraries.integers().between(1, 40).map((depth) -> "[".repeat(depth).getBytes()));
	}

	@Property(tries = 50)
	void anAnnouncedLengthPastTheBoundIsRefusedBeforeAnyPayload(@ForAll("oversized") long announced) {
		ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) announced).flip();
		assertThatThrownBy(() -> new FrameDecoder(MAX_FRAME).next(header))
			.isInstanceOf(FrameDecoder.FrameTooLargeException.class);
	}

	@Test
	void aFrameOfExactlyTheBoundIsTaken() {
		byte[] payload = new byte[MAX_FRAME];
		assertThat(new FrameDecoder(MAX_FRAME).next(FrameEncoder.frame(payload))).isEqualTo(payload);
	}

	@Provide
	Arbitrary<Long> oversized() {
		return Arbitraries.longs().between(MAX_FRAME + 1, 0xFFFF_FFFFL);
	}

}
