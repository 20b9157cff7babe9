package dev.vigil.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The seeds a door's fuzz test runs: its fixed ones plus a new one each run, or, to replay a
 * failure, only the seed given as {@code -Dvigil.fuzz.seed=N}.
 */
public final class FuzzSeeds {

	private FuzzSeeds() {
	}

	public static List<Long> of(long... fixed) {
		String only = System.getProperty("vigil.fuzz.seed");
		if (only != null) {
			return List.of(Long.parseLong(only));
		}
		List<Long> seeds = new ArrayList<>();
		for (long seed : fixed) {
			seeds.add(seed);
		}
		seeds.add(System.nanoTime());
		return seeds;
	}

}
