package dev.vigil.models;

import java.util.ArrayList;
import java.util.List;

/**
 * What a model expects of one input, or gives in one output.
 *
 * @param name the tensor's name
 * @param type its element type; null when the API cannot carry it
 * @param shape its dimensions, -1 where any size goes
 * @param dimensionNames the symbolic names of those dimensions, empty where none
 */
record TensorSpec(String name, TensorType type, long[] shape, String[] dimensionNames) {

	/** Whether a tensor of this shape fits. */
	boolean accepts(long[] candidate) {
		if (candidate.length != this.shape.length) {
			return false;
		}
		for (int i = 0; i < candidate.length; i++) {
			if (this.shape[i] >= 0 && candidate[i] != this.shape[i]) {
				return false;
			}
		}
		return true;
	}

	/** As error messages show it: {@code float32 [batch, 4]}. */
	String describe() {
		return ((this.type != null) ? this.type.label() : "unsupported") + " " + shapeText();
	}

	String shapeText() {
		List<String> dims = new ArrayList<>();
		for (int i = 0; i < this.shape.length; i++) {
			boolean named = i < this.dimensionNames.length && !this.dimensionNames[i].isEmpty();
			dims.add((this.shape[i] >= 0) ? Long.toString(this.shape[i]) : (named ? this.dimensionNames[i] : "?"));
		}
		return "[" + String.join(", ", dims) + "]";
	}

	static String shapeText(long[] shape) {
		List<String> dims = new ArrayList<>();
		for (long dim : shape) {
			dims.add(Long.toString(dim));
		}
		return "[" + String.join(", ", dims) + "]";
	}

}
