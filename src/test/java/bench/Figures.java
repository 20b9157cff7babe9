package bench;

import java.util.ArrayList;
import java.util.List;

/** Medians and percentiles of measured figures. */
final class Figures {

	private Figures() {
	}

	static double median(List<Double> values) {
		return percentile(values, 50);
	}

	/** The nearest-rank percentile; 0 for no values. */
	static double percentile(List<Double> values, double percent) {
		List<Double> sorted;
		synchronized (values) {
			sorted = new ArrayList<>(values);
		}
		if (sorted.isEmpty()) {
			return 0;
		}
		sorted.sort(null);
		int rank = (int) Math.ceil(percent / 100 * sorted.size());
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
	}

}
