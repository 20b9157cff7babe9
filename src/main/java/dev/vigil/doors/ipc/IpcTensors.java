package dev.vigil.doors.ipc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.models.TensorData;
import dev.vigil.models.TensorType;
import tools.jackson.databind.JsonNode;

/**
 * Tensors as the IPC protocol carries them: {@code {name, data_type, shape, data}}, {@code data_type}
 * {@code float32} or {@code int64}, {@code data} the values flat in row-major order. Whether the
 * values fit the shape and the model is the inference API's own validation, as on gRPC.
 */
final class IpcTensors {

	private IpcTensors() {
	}

	static List<TensorData> read(JsonNode inputs) {
		if (!inputs.isArray()) {
			throw invalid("inputs: required, an array of tensors");
		}
		List<TensorData> tensors = new ArrayList<>();
		for (JsonNode input : inputs) {
			tensors.add(tensor(input));
		}
		return tensors;
	}

	static Map<String, Object> write(TensorData tensor) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("name", tensor.name());
		fields.put("data_type", tensor.type().name().toLowerCase(Locale.ROOT));
		fields.put("shape", tensor.shape());
		fields.put("data", (tensor.type() == TensorType.FLOAT32) ? tensor.floats() : tensor.longs());
		return fields;
	}

	private static TensorData tensor(JsonNode input) {
		JsonNode name = input.path("name");
		if (!name.isString() || name.asString().isEmpty()) {
			throw invalid("inputs: each needs a name");
		}
		TensorType type = type(input.path("data_type"), name.asString());
		JsonNode shapeNode = input.path("shape");
		JsonNode data = input.path("data");
		if (!shapeNode.isArray() || !data.isArray()) {
			throw invalid("input '" + name.asString() + "': shape and data must be arrays");
		}
		long[] shape = new long[shapeNode.size()];
		for (int i = 0; i < shape.length; i++) {
			JsonNode dim = shapeNode.get(i);
			if (!dim.isIntegralNumber() || !dim.canConvertToLong() || dim.asLong() < 0) {
				throw invalid("input '" + name.asString() + "': shape holds non-negative integers");
			}
			shape[i] = dim.asLong();
		}
		if (type == TensorType.FLOAT32) {
			float[] values = new float[data.size()];
			for (int i = 0; i < values.length; i++) {
				if (!data.get(i).isNumber()) {
					throw invalid("input '" + name.asString() + "': data holds numbers");
				}
				values[i] = data.get(i).floatValue();
			}
			return new TensorData(name.asString(), type, shape, values, null);
		}
		long[] values = new long[data.size()];
		for (int i = 0; i < values.length; i++) {
			if (!data.get(i).isIntegralNumber() || !data.get(i).canConvertToLong()) {
				throw invalid("input '" + name.asString() + "': int64 data holds integers");
			}
			values[i] = data.get(i).asLong();
		}
		return new TensorData(name.asString(), type, shape, null, values);
	}

	private static TensorType type(JsonNode dataType, String name) {
		String text = dataType.isString() ? dataType.asString().toUpperCase(Locale.ROOT) : "";
		for (TensorType type : TensorType.values()) {
			if (type.name().equals(text)) {
				return type;
			}
		}
		throw invalid("input '" + name + "': data_type must be float32 or int64");
	}

	private static IpcError invalid(String message) {
		return new IpcError(400, message, IpcError.INPUT_INVALID);
	}

}
