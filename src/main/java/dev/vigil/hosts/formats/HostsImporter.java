package dev.vigil.hosts.formats;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import dev.vigil.hosts.registry.ChangedEntries;
import dev.vigil.hosts.registry.HistoryOperation;
import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostFields;
import dev.vigil.hosts.registry.HostRepository;
import dev.vigil.hosts.registry.HostValidator;
import dev.vigil.hosts.registry.HostWrites.WriteCaller;
import dev.vigil.hosts.registry.HostWrites;
import dev.vigil.hosts.registry.HostsException;

/**
 * Imports a whole document: decodes it, validates every entry before writing any, then applies
 * them in one transaction under the conflict mode. Without {@code force}, one invalid entry
 * means nothing is written; in strict mode, so does one existing entry. An import is refused
 * while a rollback or another import is being applied.
 */
public class HostsImporter {

	/** Validation errors a summary lists; the count covers the rest. */
	static final int MAX_REPORTED_ERRORS = 100;

	/** Entries looked up and inserted together; progress is reported after each page. */
	private static final int PAGE = 500;

	private final HostWrites writes;

	private final HostRepository repository;

	public HostsImporter(HostWrites writes, HostRepository repository) {
		this.writes = writes;
		this.repository = repository;
	}

	/**
	 * Imports the document; reports progress while it writes. Throws {@link HostsException} with
	 * the summary's error when the import was refused.
	 */
	public ImportSummary run(byte[] document, HostsFormat format, ConflictMode mode, boolean force, WriteCaller caller,
			Consumer<ImportSummary> progress) {
		List<HostsCodec.Decoded> decoded = format.codec().decode(utf8(document));
		List<Valid> valid = new ArrayList<>(decoded.size());
		List<String> errors = new ArrayList<>();
		Map<String, String> firstSeen = new HashMap<>(decoded.size() * 2);
		for (HostsCodec.Decoded entry : decoded) {
			if (entry.error() != null) {
				errors.add(entry.position() + ": " + entry.error());
				continue;
			}
			try {
				HostFields fields = HostValidator.validate(entry.fields());
				String key = HostRepository.pairKey(fields);
				String earlier = firstSeen.putIfAbsent(key, entry.position());
				if (earlier != null) {
					errors.add(entry.position() + ": repeats " + earlier + " (" + fields.ipAddress() + " " + fields.hostname() + ")");
					continue;
				}
				valid.add(new Valid(entry.position(), fields));
			}
			catch (HostsException ex) {
				errors.add(entry.position() + ": " + ex.getMessage());
			}
		}
		List<String> reported = errors.subList(0, Math.min(errors.size(), MAX_REPORTED_ERRORS));
		if (!errors.isEmpty() && !force) {
			throw new Refused(new ImportSummary(decoded.size(), 0, 0, 0, errors.size(), errors.size() + " of "
					+ decoded.size() + " entries failed validation; nothing was imported (force imports the valid ones)",
					reported), HostsException.Reason.INVALID);
		}
		Counts counts = this.writes.writeExclusive(caller,
				(history) -> apply(valid, mode, errors.size(), reported, caller, progress, history), Counts::changed);
		return counts.summary(decoded.size(), errors.size(),
				errors.isEmpty() ? null : errors.size() + " entries failed validation and were not imported", reported);
	}

	/**
	 * Writes the entries a page at a time: one query finds which of the page exist, and the new ones
	 * go in one batch, so an import costs a few statements per page rather than two per entry. Each
	 * entry made or replaced is an {@code imported} row of the history.
	 */
	private Counts apply(List<Valid> entries, ConflictMode mode, int failed, List<String> reported,
			WriteCaller caller, Consumer<ImportSummary> progress, ChangedEntries history) {
		Counts counts = new Counts();
		for (int from = 0; from < entries.size(); from += PAGE) {
			List<Valid> page = entries.subList(from, Math.min(entries.size(), from + PAGE));
			Map<String, Host> existing = this.repository
				.findByAddressesAndNames(page.stream().map(Valid::fields).toList());
			List<Host> created = new ArrayList<>();
			Instant now = this.writes.now();
			for (Valid entry : page) {
				HostFields fields = entry.fields();
				Host current = existing.get(HostRepository.pairKey(fields));
				if (current == null) {
					Host host = new Host(this.writes.newId(), fields, now, now, 1);
					created.add(host);
					history.wrote(HistoryOperation.IMPORTED, null, host);
					counts.created++;
				}
				else if (mode == ConflictMode.STRICT) {
					throw new Refused(counts.summary(counts.total() + failed, failed, entry.position() + ": an entry for "
							+ fields.ipAddress() + " " + fields.hostname() + " already exists (strict); nothing was imported",
							reported), HostsException.Reason.ALREADY_EXISTS);
				}
				else if (mode == ConflictMode.SKIP || current.fields().equals(fields)) {
					counts.skipped++;
				}
				else {
					Host replaced = new Host(current.id(), fields, current.createdAt(), now, current.version() + 1);
					this.repository.update(replaced, current.version());
					history.wrote(HistoryOperation.IMPORTED, current.fields(), replaced);
					counts.updated++;
				}
			}
			this.repository.insertAll(created);
			caller.check();
			progress.accept(counts.summary(counts.total() + failed, failed, null, List.of()));
		}
		caller.check();
		return counts;
	}

	private static String utf8(byte[] document) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(document))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw HostsException.invalid("chunk", "the document is not valid UTF-8");
		}
	}

	private record Valid(String position, HostFields fields) {
	}

	private static final class Counts {

		private int created;

		private int updated;

		private int skipped;

		int total() {
			return this.created + this.updated + this.skipped;
		}

		boolean changed() {
			return this.created + this.updated > 0;
		}

		public ImportSummary summary(int processed, int failed, String error, List<String> errors) {
			return new ImportSummary(processed, this.created, this.updated, this.skipped, failed, error, errors);
		}

	}

	/** An import refused as a whole; carries the summary the client is sent before the error status. */
	public static final class Refused extends HostsException {

		private final transient ImportSummary summary;

		Refused(ImportSummary summary, HostsException.Reason reason) {
			super(reason, summary.error());
			this.summary = summary;
		}

		public ImportSummary summary() {
			return this.summary;
		}

	}

	/**
	 * What an import does with an entry whose address and hostname already exist.
	 */
	public enum ConflictMode {

		/** Keep the stored entry. */
		SKIP,
		/** Overwrite the stored entry's aliases, comment and tags. */
		REPLACE,
		/** Import nothing at all. */
		STRICT;

		public static ConflictMode named(String name) {
			if (name == null || name.isEmpty()) {
				return SKIP;
			}
			try {
				return valueOf(name.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw HostsException.invalid("conflict_mode", "must be skip, replace or strict, got \""
						+ HostValidator.printable(name) + "\"");
			}
		}

	}

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

}
