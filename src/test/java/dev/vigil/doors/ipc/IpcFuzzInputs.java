package dev.vigil.doors.ipc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import dev.vigil.testing.IpcClient;

/**
 * Inputs for the IPC fuzz run, and what the protocol promises for each: how many replies, and
 * whether a frame past the bound ends the connection.
 */
final class IpcFuzzInputs {

	private static final List<String> MESSAGES = List.of(
			"{\"type\":\"health_check\",\"check_type\":\"Liveness\"}",
			"{\"type\":\"health_check\",\"check_type\":\"Readiness\"}",
			"{\"type\":\"health_check\",\"check_type\":\"Full\"}", "{\"type\":\"models_request\"}",
			"{\"type\":\"metrics_request\"}", "{\"type\":\"handshake\",\"token\":\"guess\",\"protocol_version\":1}",
			"{\"type\":\"prometheus_request\"}", "{\"type\":\"cancel_request\",\"request_id\":\"r-1\"}",
			"{\"type\":\"warmup_request\",\"model_id\":\"add\",\"tokens\":8}",
			"{\"type\":\"inference_request\",\"request_id\":\"r-1\",\"model_id\":\"add\",\"priority\":\"high\","
					+ "\"timeout_ms\":1000,\"inputs\":[{\"name\":\"a\",\"data_type\":\"float32\",\"shape\":[1,4],"
					+ "\"data\":[1,2,3,4]},{\"name\":\"b\",\"data_type\":\"float32\",\"shape\":[1,4],\"data\":[1,2,3,4]}]}",
			"{\"type\":\"nonsense\"}");

	private IpcFuzzInputs() {
	}

	/** One input: a mix of what a broken or hostile client sends. */
	static byte[] next(Random random) {
		return switch (random.nextInt(7)) {
			case 0 -> bytes(random, random.nextInt(65));
			case 1 -> IpcClient.frame(mutate(random, message(random)));
			case 2 -> IpcClient.frame(bytes(random, random.nextInt(300)));
			case 3 -> concat(header(random.nextInt() & 0xffffffffL), bytes(random, random.nextInt(16)));
			case 4 -> IpcClient.frame(("[".repeat(1 + random.nextInt(2000))).getBytes(StandardCharsets.UTF_8));
			case 5 -> pipelined(random);
			default -> {
				byte[] whole = IpcClient.frame(message(random));
				byte[] cut = new byte[random.nextInt(whole.length)];
				System.arraycopy(whole, 0, cut, 0, cut.length);
				yield cut;
			}
		};
	}

	/** Reads the input the way the server must: one reply per complete frame, then 413 for one too large. */
	static Expected expect(byte[] input, long maxFrame) {
		ByteBuffer buffer = ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN);
		int replies = 0;
		while (buffer.remaining() >= Integer.BYTES) {
			long length = Integer.toUnsignedLong(buffer.getInt());
			if (length > maxFrame) {
				return new Expected(replies + 1, true);
			}
			if (buffer.remaining() < length) {
				break;
			}
			buffer.position(buffer.position() + (int) length);
			replies++;
		}
		return new Expected(replies, false);
	}

	private static byte[] message(Random random) {
		return MESSAGES.get(random.nextInt(MESSAGES.size())).getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] mutate(Random random, byte[] message) {
		byte[] mutated = message.clone();
		for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
			mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
		}
		return mutated;
	}

	private static byte[] pipelined(Random random) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int count = 1 + random.nextInt(5); count > 0; count--) {
			out.writeBytes(IpcClient.frame(message(random)));
		}
		return out.toByteArray();
	}

	private static byte[] bytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] header(long length) {
		return ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt((int) length).array();
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	/** What the server owes an input: this many replies, the last a 413 when {@code tooLarge}. */
	record Expected(int replies, boolean tooLarge) {
	}

}
