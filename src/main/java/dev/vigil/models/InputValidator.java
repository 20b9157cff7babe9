package dev.vigil.models;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a request's inputs against what the model expects, before anything is queued. Each
 * refusal says what was expected.
 */
final class InputValidator {

	private final int maxElements;

	InputValidator(int maxElements) {
		this.maxElements = maxElements;
	}

	void validate(ModelEntry model, List<TensorData> inputs) {
		Map<String, TensorSpec> expected = model.inputs();
		Set<String> seen = new HashSet<>();
		for (TensorData input : inputs) {
			TensorSpec spec = expected.get(input.name());
			if (spec == null) {
				throw invalid("unknown input '" + input.name() + "'; model '" + model.name() + "' takes "
						+ String.join(", ", expected.keySet()));
			}
			if (!seen.add(input.name())) {
				throw invalid("input '" + input.name() + "' is given twice");
			}
			if (input.type() != spec.type()) {
				throw invalid("input '" + input.name() + "' is " + label(input.type()) + ", expected " + spec.describe());
			}
			if (!spec.accepts(input.shape())) {
				throw invalid("input '" + input.name() + "' has shape " + TensorSpec.shapeText(input.shape())
						+ ", expected " + spec.describe());
			}
			long elements = input.elementsOfShape();
			if (elements < 0 || elements > this.maxElements) {
				throw invalid("input '" + input.name() + "' has shape " + TensorSpec.shapeText(input.shape())
						+ ": more than the limit of " + this.maxElements + " elements");
			}
			if (input.size() != elements) {
				throw invalid("input '" + input.name() + "' has " + input.size() + " values; shape "
						+ TensorSpec.shapeText(input.shape()) + " needs " + elements);
			}
		}
		for (TensorSpec spec : expected.values()) {
			if (!seen.contains(spec.name())) {
				throw invalid("missing input '" + spec.name() + "' (" + spec.describe() + ")");
			}
		}
	}

	private static String label(TensorType type) {
		return (type != null) ? type.label() : "of no type";
	}

	private static ModelsException invalid(String message) {
		return new ModelsException(ModelsException.Reason.INVALID, message);
	}

}
