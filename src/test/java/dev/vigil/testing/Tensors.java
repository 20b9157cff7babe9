package dev.vigil.testing;

import dev.vigil.api.v1.DataType;
import dev.vigil.api.v1.InferRequest;
import dev.vigil.api.v1.Tensor;

/** Tensors for the inference API's requests, as the tests build them. */
public final class Tensors {

	private Tensors() {
	}

	/** A request to the {@code add} model ({@link OnnxModels#add()}): [1, 2, 3, 4] + [10, 20, 30, 40]. */
	public static InferRequest addRequest() {
		return InferRequest.newBuilder()
			.setModel("add")
			.addInputs(floats("a", new float[] { 1, 2, 3, 4 }, 1, 4))
			.addInputs(floats("b", new float[] { 10, 20, 30, 40 }, 1, 4))
			.build();
	}

	/** A FLOAT32 tensor of the given shape, row-major. */
	public static Tensor floats(String name, float[] values, long... shape) {
		Tensor.Builder tensor = Tensor.newBuilder().setName(name).setDataType(DataType.FLOAT32);
		for (long dim : shape) {
			tensor.addShape(dim);
		}
		for (float value : values) {
			tensor.addFloatData(value);
		}
		return tensor.build();
	}

}
