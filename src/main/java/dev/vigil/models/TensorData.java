package dev.vigil.models;

/**
 * One named tensor's values, as the API carries them: floats or longs, row-major.
 *
 * @param name the tensor's name
 * @param type the element type
 * @param shape its dimensions
 * @param floats the values when the type is float32
 * @param longs the values when the type is int64
 */
public record TensorData(String name, TensorType type, long[] shape, float[] floats, long[] longs) {

	/** How many values the tensor holds. */
	int size() {
		return (this.type == TensorType.FLOAT32) ? this.floats.length : this.longs.length;
	}

	/** How many values its shape calls for; -1 when that overflows. */
	long elementsOfShape() {
		long elements = 1;
		try {
			for (long dim : this.shape) {
				if (dim < 0) {
					return -1;
				}
				elements = Math.multiplyExact(elements, dim);
			}
		}
		catch (ArithmeticException ex) {
			return -1;
		}
		return elements;
	}

}
