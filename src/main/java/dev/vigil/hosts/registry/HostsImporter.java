package dev.vigil.hosts.registry;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.vigil.hosts.entries.Checkpoint;
import dev.vigil.hosts.entries.Host;
import dev.vigil.hosts.entries.HostFields;
import dev.vigil.hosts.entries.HostValidator;
import dev.vigil.hosts.entries.HostsException;
import dev.vigil.hosts.formats.HostsCodec;
import dev.vigil.hosts.formats.HostsFormat;
import dev.vigil.hosts.store.HostRepository;

/**
 * Imports a whole document: decodes it, validates every entry before writing any, then applies
 * them in one transaction under the conflict mode. Without {@code force}, one invalid entry
 * means nothing is written; in strict mode, so does one existing entry. An import is refused
 * while a rollback or another import is being applied.
 */
public class HostsImporter {

	/** Validation errors a summary lists; the count covers the rest. */
	static final int MAX_REPORTED_ERRORS = 100;

	private static final int PROGRESS_EVERY = 500;

	private final HostsRegistry registry;

	private final HostRepository repository;

	public HostsImporter(HostsRegistry registry, HostRepository repository) {
		this.registry = registry;
		this.repository = repository;
	}

	/**
	 * Imports the document; reports progress while it writes. Throws {@link HostsException} with
	 * the summary's error when the import was refused.
	 */
	public ImportSummary run(byte[] document, HostsFormat format, ConflictMode mode, boolean force, Checkpoint checkpoint,
			Consumer<ImportSummary> progress) {
		List<HostsCodec.Decoded> decoded = format.codec().decode(utf8(document));
		List<Valid> valid = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		Map<String, String> firstSeen = new HashMap<>();
		for (HostsCodec.Decoded entry : decoded) {
			if (entry.error() != null) {
				errors.add(entry.position() + ": " + entry.error());
				continue;
			}
			try {
				HostFields fields = HostValidator.validate(entry.fields());
				String key = fields.ipAddress() + " " + HostValidator.key(fields.hostname());
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
		Counts counts = this.registry.writeExclusive(() -> apply(valid, mode, errors.size(), reported, checkpoint, progress),
				Counts::changed);
		return counts.summary(decoded.size(), errors.size(),
				errors.isEmpty() ? null : errors.size() + " entries failed validation and were not imported", reported);
	}

	private Counts apply(List<Valid> entries, ConflictMode mode, int failed, List<String> reported,
			Checkpoint checkpoint, Consumer<ImportSummary> progress) {
		Counts counts = new Counts();
		for (Valid entry : entries) {
			HostFields fields = entry.fields();
			var existing = this.repository.findByAddressAndName(fields.ipAddress(), fields.hostname());
			if (existing.isEmpty()) {
				var now = this.registry.now();
				this.repository.insert(new Host(this.registry.newId(), fields, now, now, 1));
				counts.created++;
			}
			else if (mode == ConflictMode.STRICT) {
				throw new Refused(counts.summary(counts.total() + failed, failed, entry.position() + ": an entry for "
						+ fields.ipAddress() + " " + fields.hostname() + " already exists (strict); nothing was imported",
						reported), HostsException.Reason.ALREADY_EXISTS);
			}
			else if (mode == ConflictMode.SKIP || existing.get().fields().equals(fields)) {
				counts.skipped++;
			}
			else {
				Host current = existing.get();
				this.repository.update(new Host(current.id(), fields, current.createdAt(), this.registry.now(),
						current.version() + 1), current.version());
				counts.updated++;
			}
			if (counts.total() % PROGRESS_EVERY == 0) {
				checkpoint.check();
				progress.accept(counts.summary(counts.total() + failed, failed, null, List.of()));
			}
		}
		checkpoint.check();
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

}
