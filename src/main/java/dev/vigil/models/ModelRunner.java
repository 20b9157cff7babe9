package dev.vigil.models;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * Runs one inference on a session: API tensors in, API tensors out. Native tensors live only for
 * the call.
 */
final class ModelRunner {

	private ModelRunner() {
	}

	static List<TensorData> run(OrtEnvironment environment, OrtSession session, List<TensorData> inputs,
			OrtSession.RunOptions options) throws OrtException {
		Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
		try {
			for (TensorData input : inputs) {
				tensors.put(input.name(), toOnnx(environment, input));
			}
			try (OrtSession.Result result = session.run(tensors, options)) {
				List<TensorData> outputs = new ArrayList<>();
				for (Map.Entry<String, OnnxValue> output : result) {
					outputs.add(fromOnnx(output.getKey(), output.getValue()));
				}
				return outputs;
			}
		}
		finally {
			tensors.values().forEach(OnnxTensor::close);
		}
	}

	private static OnnxTensor toOnnx(OrtEnvironment environment, TensorData input) throws OrtException {
		return (input.type() == TensorType.FLOAT32)
				? OnnxTensor.createTensor(environment, FloatBuffer.wrap(input.floats()), input.shape())
				: OnnxTensor.createTensor(environment, LongBuffer.wrap(input.longs()), input.shape());
	}

	private static TensorData fromOnnx(String name, OnnxValue value) {
		if (!(value instanceof OnnxTensor tensor) || TensorType.of(((TensorInfo) tensor.getInfo()).type) == null) {
			throw new ModelsException(ModelsException.Reason.FAILED,
					"output '" + name + "' is of a type the API cannot carry: " + value.getInfo());
		}
		TensorInfo info = tensor.getInfo();
		if (TensorType.of(info.type) == TensorType.FLOAT32) {
			FloatBuffer buffer = tensor.getFloatBuffer();
			float[] values = new float[buffer.remaining()];
			buffer.get(values);
			return new TensorData(name, TensorType.FLOAT32, info.getShape(), values, null);
		}
		LongBuffer buffer = tensor.getLongBuffer();
		long[] values = new long[buffer.remaining()];
		buffer.get(values);
		return new TensorData(name, TensorType.INT64, info.getShape(), null, values);
	}

}
