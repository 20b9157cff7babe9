package dev.vigil.models;

import java.util.Locale;

import ai.onnxruntime.OnnxJavaType;

/**
 * The element types the inference API carries.
 */
public enum TensorType {

	FLOAT32(OnnxJavaType.FLOAT), INT64(OnnxJavaType.INT64);

	private final OnnxJavaType onnx;

	TensorType(OnnxJavaType onnx) {
		this.onnx = onnx;
	}

	/** The type of an ONNX tensor, or null when the API cannot carry it. */
	static TensorType of(OnnxJavaType onnx) {
		for (TensorType type : values()) {
			if (type.onnx == onnx) {
				return type;
			}
		}
		return null;
	}

	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
