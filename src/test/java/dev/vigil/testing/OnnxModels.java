package dev.vigil.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.protobuf.CodedOutputStream;

/**
 * Small ONNX models written field by field (an ONNX file is a protobuf {@code ModelProto}), so
 * that no test or benchmark ever downloads one. Field numbers are those of {@code onnx.proto}.
 */
public final class OnnxModels {

	private static final int FLOAT = 1;

	private static final int INT64 = 7;

	private static final int BOOL = 9;

	private OnnxModels() {
	}

	/** {@code sum = a + b}: two float inputs of shape {@code [batch, 4]}. */
	public static byte[] add() {
		Message graph = new Message().string(2, "add")
			.message(1, node("Add", List.of("a", "b"), List.of("sum")))
			.message(11, value("a", FLOAT, "batch", 4))
			.message(11, value("b", FLOAT, "batch", 4))
			.message(12, value("sum", FLOAT, "batch", 4));
		return model(graph);
	}

	/**
	 * {@code y = x × W}: a float input of shape {@code [batch, 3]} and a fixed 3×2 weight
	 * {@code [[1, 2], [3, 4], [5, 6]]}.
	 */
	public static byte[] matmul() {
		Message graph = new Message().string(2, "matmul")
			.message(1, node("MatMul", List.of("x", "w"), List.of("y")))
			.message(5, floatTensor("w", new long[] { 3, 2 }, new float[] { 1, 2, 3, 4, 5, 6 }))
			.message(11, value("x", FLOAT, "batch", 3))
			.message(12, value("y", FLOAT, "batch", 2));
		return model(graph);
	}

	/**
	 * As slow as asked: a Loop that applies {@code v = sin(v)} {@code iterations} times to a float
	 * input {@code x} of shape {@code [1, 16]}. Cheap per iteration, and a terminated run stops
	 * between iterations, so it can both fill a queue and be cancelled while running.
	 */
	public static byte[] slow() {
		Message body = new Message().string(2, "body")
			.message(1, node("Identity", List.of("cond_in"), List.of("cond_out")))
			.message(1, node("Sin", List.of("v_in"), List.of("v_out")))
			.message(11, value("i", INT64))
			.message(11, value("cond_in", BOOL))
			.message(11, value("v_in", FLOAT, 1, 16))
			.message(12, value("cond_out", BOOL))
			.message(12, value("v_out", FLOAT, 1, 16));
		Message loop = node("Loop", List.of("iterations", "keep_going", "x"), List.of("y"))
			.message(5, new Message().string(1, "body").message(6, body).int32(20, 5));
		Message keepGoing = new Message().int32(2, BOOL).string(8, "keep_going").packedInt32(5, 1);
		Message graph = new Message().string(2, "slow")
			.message(1, loop)
			.message(5, keepGoing)
			.message(11, value("iterations", INT64))
			.message(11, value("x", FLOAT, 1, 16))
			.message(12, value("y", FLOAT, 1, 16));
		return model(graph);
	}

	/** Writes the model into {@code directory} as {@code name.onnx} and returns its path. */
	public static Path write(Path directory, String name, byte[] model) {
		try {
			Files.createDirectories(directory);
			return Files.write(directory.resolve(name + ".onnx"), model);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] model(Message graph) {
		return new Message().int64(1, 8)
			.string(2, "vigil-tests")
			.message(7, graph)
			.message(8, new Message().string(1, "").int64(2, 17))
			.bytes();
	}

	private static Message node(String op, List<String> inputs, List<String> outputs) {
		Message node = new Message();
		inputs.forEach((input) -> node.string(1, input));
		outputs.forEach((output) -> node.string(2, output));
		return node.string(3, op.toLowerCase() + "_" + String.join("_", outputs)).string(4, op);
	}

	/** A ValueInfoProto; each dimension is a size (Long/Integer) or a symbolic name (String). */
	private static Message value(String name, int elementType, Object... dims) {
		Message shape = new Message();
		for (Object dim : dims) {
			shape.message(1, (dim instanceof String symbol) ? new Message().string(2, symbol)
					: new Message().int64(1, ((Number) dim).longValue()));
		}
		Message tensorType = new Message().int32(1, elementType).message(2, shape);
		return new Message().string(1, name).message(2, new Message().message(1, tensorType));
	}

	private static Message floatTensor(String name, long[] dims, float[] values) {
		Message tensor = new Message();
		for (long dim : dims) {
			tensor.int64(1, dim);
		}
		return tensor.int32(2, FLOAT).packedFloats(4, values).string(8, name);
	}

	/** One protobuf message, written field by field. */
	private static final class Message {

		private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

		private final CodedOutputStream out = CodedOutputStream.newInstance(this.buffer);

		Message string(int field, String value) {
			return write(() -> this.out.writeString(field, value));
		}

		Message int64(int field, long value) {
			return write(() -> this.out.writeInt64(field, value));
		}

		Message int32(int field, int value) {
			return write(() -> this.out.writeInt32(field, value));
		}

		Message message(int field, Message value) {
			return write(() -> this.out.writeByteArray(field, value.bytes()));
		}

		Message packedFloats(int field, float[] values) {
			return write(() -> {
				this.out.writeTag(field, 2);
				this.out.writeUInt32NoTag(values.length * 4);
				for (float value : values) {
					this.out.writeFloatNoTag(value);
				}
			});
		}

		Message packedInt32(int field, int... values) {
			return write(() -> {
				int size = 0;
				for (int value : values) {
					size += CodedOutputStream.computeInt32SizeNoTag(value);
				}
				this.out.writeTag(field, 2);
				this.out.writeUInt32NoTag(size);
				for (int value : values) {
					this.out.writeInt32NoTag(value);
				}
			});
		}

		byte[] bytes() {
			write(() -> {
			});
			return this.buffer.toByteArray();
		}

		private Message write(Writer writer) {
			try {
				writer.write();
				this.out.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return this;
		}

	}

	@FunctionalInterface
	private interface Writer {

		void write() throws IOException;

	}

}
