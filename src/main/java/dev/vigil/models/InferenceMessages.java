package dev.vigil.models;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Timestamp;

import dev.vigil.api.v1.DataType;
import dev.vigil.api.v1.ModelInfo;
import dev.vigil.api.v1.Tensor;

/**
 * Converts between {@code vigil.v1} messages and the model package's types.
 */
final class InferenceMessages {

	private InferenceMessages() {
	}

	static List<TensorData> inputs(List<Tensor> tensors) {
		List<TensorData> inputs = new ArrayList<>(tensors.size());
		for (Tensor tensor : tensors) {
			long[] shape = tensor.getShapeList().stream().mapToLong(Long::longValue).toArray();
			TensorType type = switch (tensor.getDataType()) {
				case FLOAT32 -> TensorType.FLOAT32;
				case INT64 -> TensorType.INT64;
				default -> throw new ModelsException(ModelsException.Reason.INVALID,
						"input '" + tensor.getName() + "': data_type must be FLOAT32 or INT64");
			};
			float[] floats = null;
			long[] longs = null;
			if (type == TensorType.FLOAT32) {
				floats = new float[tensor.getFloatDataCount()];
				for (int i = 0; i < floats.length; i++) {
					floats[i] = tensor.getFloatData(i);
				}
			}
			else {
				longs = tensor.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
			}
			inputs.add(new TensorData(tensor.getName(), type, shape, floats, longs));
		}
		return inputs;
	}

	static Tensor tensor(TensorData data) {
		Tensor.Builder tensor = Tensor.newBuilder().setName(data.name()).setDataType(dataType(data.type()));
		for (long dim : data.shape()) {
			tensor.addShape(dim);
		}
		if (data.type() == TensorType.FLOAT32) {
			for (float value : data.floats()) {
				tensor.addFloatData(value);
			}
		}
		else {
			for (long value : data.longs()) {
				tensor.addInt64Data(value);
			}
		}
		return tensor.build();
	}

	static ModelInfo model(ModelEntry entry) {
		ModelInfo.Builder info = ModelInfo.newBuilder()
			.setName(entry.name())
			.setFormat(entry.format())
			.setSizeBytes(entry.sizeBytes())
			.setMemoryBytes(entry.memoryBytes())
			.setState(dev.vigil.api.v1.ModelState.valueOf(entry.state().name()))
			.setRequestCount(entry.requestCount())
			.setAvgLatencyMs(entry.averageLatencyMillis())
			.setError(entry.error());
		if (entry.loadedAt() != null) {
			info.setLoadedAt(Timestamp.newBuilder()
				.setSeconds(entry.loadedAt().getEpochSecond())
				.setNanos(entry.loadedAt().getNano()));
		}
		entry.inputs().values().forEach((spec) -> info.addInputs(spec(spec)));
		entry.outputs().forEach((spec) -> info.addOutputs(spec(spec)));
		return info.build();
	}

	private static dev.vigil.api.v1.TensorSpec spec(TensorSpec spec) {
		dev.vigil.api.v1.TensorSpec.Builder message = dev.vigil.api.v1.TensorSpec.newBuilder()
			.setName(spec.name())
			.setDataType((spec.type() != null) ? dataType(spec.type()) : DataType.DATA_TYPE_UNSPECIFIED);
		for (long dim : spec.shape()) {
			message.addShape(dim);
		}
		return message.build();
	}

	private static DataType dataType(TensorType type) {
		return (type == TensorType.FLOAT32) ? DataType.FLOAT32 : DataType.INT64;
	}

}
