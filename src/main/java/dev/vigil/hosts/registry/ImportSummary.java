package dev.vigil.hosts.registry;

import java.util.List;

/**
 * Counts so far, or at the end, of one import, with the entries that failed validation.
 *
 * @param error why nothing, or not everything, was imported; null when all went in
 */
public record ImportSummary(int processed, int created, int updated, int skipped, int failed, String error,
		List<String> validationErrors) {

	public ImportSummary {
		validationErrors = List.copyOf(validationErrors);
	}

}
