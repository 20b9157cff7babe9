package bench;

import java.util.ArrayList;
import java.util.List;

/** Medians and percentiles of measured figures, and how the tables print them. */
final class Figures {

	private Figures() {
	}

	/** The middle value; of an even count, the upper of the two middle ones. */
	static double median(List<Double> values) {
		List<Double> sorted = sorted(values);
		return sorted.get(sorted.size() / 2);
	}

	/** The nearest-rank percentile; 0 for no values. */
	static double percentile(List<Double> values, double percent) {
		List<Double> sorted = sorted(values);
		if (sorted.isEmpty()) {
			return 0;
		}
		int rank = (int) Math.ceil(percent / 100 * sorted.size());
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
	}

	/** Each value rounded to a whole number, comma-separated, as the result tables list rounds. */
	static String wholeNumbers(List<Double> values) {
		return String.join(", ", values.stream().map((value) -> String.format("%.0f", value)).toList());
	}

	/** Prints a Markdown table after a blank line: its header, its columns' alignment row, then its rows. */
	static void printTable(String header, String alignment, List<String> rows) {
		System.out.println();
		System.out.println(header);
		System.out.println(alignment);
		rows.forEach(System.out::println);
	}

	/** A sorted copy; a synchronized list may still be growing, so it is copied under its lock. */
	private static List<Double> sorted(List<Double> values) {
		List<Double> sorted;
		synchronized (values) {
			sorted = new ArrayList<>(values);
		}
		sorted.sort(null);
		return sorted;
	}

}
