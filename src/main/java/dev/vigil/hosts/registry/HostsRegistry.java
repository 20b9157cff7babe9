package dev.vigil.hosts.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.database.DatabaseOutageGate;
import dev.vigil.database.WritePath;
import dev.vigil.hosts.HostsProperties.Limits;
import dev.vigil.security.Callers;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hosts registry: validates each change before writing it, writes it in one transaction under
 * the write lock, and appends it to the change log, with a history row for each entry it touched
 * naming the caller, in the same transaction; once it has committed, the change feed moves forward.
 */
public class HostsRegistry {

	/** Unconditional updates re-read and retry when another writer got in between. */
	private static final int UNCONDITIONAL_ATTEMPTS = 5;

	/** {@link #readAll} reads again when a change committed during the read, this often at most. */
	private static final int CONSISTENT_READ_ATTEMPTS = 3;

	private final HostRepository repository;

	private final TransactionTemplate transactions;

	private final ChangeLog changes;

	private final HistoryRepository history;

	private final WriteLocks locks;

	private final ChangeFeed feed;

	/** The database's passive failure signal: told of every failed read or write. */
	private final Consumer<RuntimeException> failures;

	/** Lets each read and write reach the database, or refuses it at once while the database is known down. */
	private final Supplier<DatabaseOutageGate.Pass> gate;

	private final Clock clock;

	private final Ulid ids;

	private final Limits limits;

	/** Each write's transaction and its wait for the write lock, as spans of the call that made it. */
	private final ObservationRegistry observations;

	HostsRegistry(HostRepository repository, TransactionTemplate transactions, ChangeLog changes,
			HistoryRepository history, WriteLocks locks, ChangeFeed feed,
			Consumer<RuntimeException> failures, Supplier<DatabaseOutageGate.Pass> gate, Limits limits, Clock clock,
			ObservationRegistry observations) {
		this.gate = gate;
		this.repository = repository;
		this.transactions = transactions;
		this.changes = changes;
		this.history = history;
		this.locks = locks;
		this.feed = feed;
		this.failures = failures;
		this.clock = clock;
		this.ids = new Ulid(clock);
		this.limits = limits;
		this.observations = observations;
	}

	public Host add(HostFields raw, WriteCaller caller) {
		HostFields fields = HostValidator.validate(raw);
		Instant now = now();
		Host host = new Host(this.ids.next(), fields, now, now, 1);
		write(caller, (history) -> {
			rejectDuplicate(fields, null);
			this.repository.insert(host);
			history.wrote(HistoryOperation.CREATED, null, host);
			caller.check();
			return host;
		});
		return host;
	}

	public Host get(String id) {
		String key = checkId(id);
		return read(() -> this.repository.find(key)).orElseThrow(() -> notFound(key));
	}

	public Host update(String id, HostUpdate update, WriteCaller caller) {
		String key = checkId(id);
		for (int attempt = 1;; attempt++) {
			boolean lastAttempt = update.expectedVersion().isPresent() || attempt == UNCONDITIONAL_ATTEMPTS;
			Optional<Host> written = write(caller, (history) -> {
				Host current = this.repository.find(key).orElseThrow(() -> notFound(key));
				checkVersion(update.expectedVersion(), current);
				HostFields fields = HostValidator.validate(update.applyTo(current.fields()));
				rejectDuplicate(fields, key);
				Host next = new Host(key, fields, current.createdAt(), now(), current.version() + 1);
				if (!this.repository.update(next, current.version())) {
					if (lastAttempt) {
						Host now = this.repository.find(key).orElseThrow(() -> notFound(key));
						throw versionConflict(current.versionText(), now.versionText());
					}
					return Optional.<Host>empty();
				}
				history.wrote(HistoryOperation.UPDATED, current.fields(), next);
				caller.check();
				return Optional.of(next);
			});
			if (written.isPresent()) {
				return written.get();
			}
		}
	}

	public void delete(String id, Optional<String> expectedVersion, WriteCaller caller) {
		String key = checkId(id);
		write(caller, (history) -> {
			Host current = this.repository.find(key).orElseThrow(() -> notFound(key));
			checkVersion(expectedVersion, current);
			if (!this.repository.delete(key, current.version())) {
				throw versionConflict(current.versionText(), "changed concurrently");
			}
			history.removed(HistoryOperation.DELETED, current);
			caller.check();
			return null;
		});
	}

	/** One page of a list or search; see {@link HostRepository#page}. */
	List<Host> page(HostQuery query, HostRepository.Cursor after, int offset, int size) {
		return read(() -> this.repository.page(query, after, offset, size));
	}

	/**
	 * ListHosts' pages in hosts-file order: those matching {@code filter} (all without one), at
	 * most {@code limit} (0: no limit) from {@code offset} on, each call one page of {@code pageSize}.
	 * A filter that cannot be read is refused here, before any page is read.
	 */
	public Supplier<List<Host>> list(Optional<String> filter, int offset, int limit, int pageSize) {
		HostQuery query = filter.map((text) -> HostQuery.filter(bounded("filter", text, this.limits.filterLength()),
				this.limits.filterTerms())).orElseGet(HostQuery::all);
		return new HostPages(this::page, query, offset, limit, pageSize);
	}

	/** SearchHosts' pages: entries whose address, names, comment or tags contain {@code text}. */
	public Supplier<List<Host>> search(String text, int pageSize) {
		return new HostPages(this::page, HostQuery.search(bounded("query", text, this.limits.queryLength())), 0, 0,
				pageSize);
	}

	private static String bounded(String field, String text, int max) {
		if (text.length() > max) {
			throw HostsException.invalid(field, "must be at most " + max + " characters (vigil.hosts.limits), got "
					+ text.length());
		}
		return text;
	}

	/**
	 * Every entry in hosts-file order, as of one change: {@code reader} is given the pages and
	 * returns what it made of them. A change committed between two pages could move an entry past
	 * the read position, so the newest change is read before and after, and the whole read is
	 * repeated when they differ, a few times at most (whoever reads all follows that change
	 * anyway). Every read goes through {@link #read}, so its failures are database failure signals.
	 */
	public <T> AsOf<T> readAll(int pageSize, Function<Supplier<List<Host>>, T> reader) {
		AsOf<T> read;
		int attempt = 0;
		do {
			Change change = newestChange();
			read = new AsOf<>(change, reader.apply(list(Optional.empty(), 0, 0, pageSize)));
		}
		while (++attempt < CONSISTENT_READ_ATTEMPTS && !newestChange().equals(read.change()));
		return read;
	}

	/** {@link #write(WriteCaller, Function, Predicate, boolean)} for work that always changes the registry. */
	private <T> T write(WriteCaller caller, Function<ChangedEntries, T> work) {
		return write(caller, work, (result) -> true, false);
	}

	/** One page in id order; see {@link HostRepository#pageById}. */
	public List<Host> pageById(String afterId, int size) {
		return read(() -> this.repository.pageById(afterId, size));
	}

	/** The newest committed change, read from the database. */
	public Change newestChange() {
		return read(this.changes::newest);
	}

	/**
	 * {@link #write(WriteCaller, Function, Predicate, boolean)} for a rollback or an import, which
	 * exclude each other: while one is being applied on any replica, another is refused with
	 * {@link HostsException.Reason#CONCURRENT_WRITE} and writes nothing.
	 */
	<T> T writeExclusive(WriteCaller caller, Function<ChangedEntries, T> work, Predicate<T> changed) {
		if (!this.locks.tryBulkHere()) {
			throw concurrentBulkWrite();
		}
		try {
			return write(caller, work, changed, true);
		}
		finally {
			this.locks.releaseBulkHere();
		}
	}

	/**
	 * Runs work in a transaction under the write lock that appends no change: for writes outside
	 * the entries (snapshots), which must read or keep them exactly as of the newest change.
	 */
	<T> T underWriteLock(Supplier<T> work) {
		return write(WriteCaller.UNATTENDED, (history) -> work.get(), (result) -> false, false);
	}

	/**
	 * Runs a write in a transaction under the write lock, unless its caller has already gone. When
	 * {@code changed} says the work changed anything, appends a change to the log and writes the
	 * history rows the work gathered, with the change and the caller, in the same transaction. The
	 * wait for the write lock is bounded by the caller's deadline ({@link WriteLocks#enter}); the
	 * commit, once asked for, is never cancelled. Translates database failures; after the commit,
	 * moves the feed forward (which renders the hosts file and tells followers).
	 */
	private <T> T write(WriteCaller caller, Function<ChangedEntries, T> work, Predicate<T> changed,
			boolean exclusive) {
		Written<T> written = reachingDatabase(() -> {
			caller.check();
			try (WritePath.Turn turn = this.locks.enter(caller)) {
				return observed("vigil.hosts.write", "hosts write").observe(() -> this.transactions.execute((status) -> {
					if (exclusive && !this.locks.tryBulkAcrossReplicas()) {
						throw concurrentBulkWrite();
					}
					observed("vigil.hosts.write.lock", "hosts write lock").observe(() -> this.locks.lockWrites(turn));
					ChangedEntries history = new ChangedEntries();
					T result = work.apply(history);
					if (!changed.test(result)) {
						turn.committing();
						return new Written<>(result, null);
					}
					Change change = this.changes.append();
					this.history.insertAll(change, HostColumns.micros(now()), caller.name(), history.all());
					turn.committing();
					return new Written<>(result, change);
				}));
			}
		});
		if (written.change() != null) {
			this.feed.moveTo(written.change());
		}
		return written.result();
	}

	private Observation observed(String name, String spanName) {
		return Observation.createNotStarted(name, this.observations).contextualName(spanName);
	}

	Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	String newId() {
		return this.ids.next();
	}

	/** Runs a read, translating database failures. */
	<T> T read(Supplier<T> work) {
		return reachingDatabase(work);
	}

	/**
	 * Runs a call that reaches the database: refused at once while it is known down (but for one
	 * trial call at a time); its failures told to the database's failure signal and translated.
	 */
	private <T> T reachingDatabase(Supplier<T> work) {
		try (DatabaseOutageGate.Pass pass = this.gate.get()) {
			T result = work.get();
			pass.answered();
			return result;
		}
		catch (DataIntegrityViolationException ex) {
			// Another writer committed the same address and name between our check and insert.
			throw new HostsException(HostsException.Reason.ALREADY_EXISTS, "an entry with this ip_address and hostname already exists");
		}
		catch (RuntimeException ex) {
			this.failures.accept(ex);
			throw HostsException.fromDatabase(ex);
		}
	}

	private void rejectDuplicate(HostFields fields, String exceptId) {
		this.repository.findByAddressAndName(fields.ipAddress(), fields.hostname())
			.filter((existing) -> !existing.id().equals(exceptId))
			.ifPresent((existing) -> {
				throw new HostsException(HostsException.Reason.ALREADY_EXISTS, "an entry for " + fields.ipAddress()
						+ " " + fields.hostname() + " already exists (id " + existing.id() + ")");
			});
	}

	private record Written<T>(T result, Change change) {
	}

	private static void checkVersion(Optional<String> expected, Host current) {
		if (expected.isPresent() && !expected.get().equals(current.versionText())) {
			throw versionConflict(expected.get(), current.versionText());
		}
	}

	private static HostsException versionConflict(String expected, String current) {
		return new HostsException(HostsException.Reason.VERSION_CONFLICT, "version mismatch: expected "
				+ HostValidator.printable(expected) + ", current " + current);
	}

	private static HostsException concurrentBulkWrite() {
		return new HostsException(HostsException.Reason.CONCURRENT_WRITE,
				"another rollback or import is being applied; nothing was written, try again once it has finished");
	}

	private static HostsException notFound(String id) {
		return new HostsException(HostsException.Reason.NOT_FOUND, "no entry with id " + id);
	}

	/** The id in canonical form; INVALID_ARGUMENT naming {@code field} when it is not a ULID. */
	static String checkId(String field, String id) {
		String upper = (id != null) ? id.toUpperCase(Locale.ROOT) : "";
		if (!Ulid.isValid(upper)) {
			throw HostsException.invalid(field, "must be a ULID (26 Crockford base-32 characters), got \""
					+ HostValidator.printable(id) + "\"");
		}
		return upper;
	}

	private static String checkId(String id) {
		return checkId("id", id);
	}

	/** What a read made of the registry, and the change it is as of. */
	public record AsOf<T>(Change change, T value) {
	}

	/**
	 * Who makes a write, as the write sees it: the name its history rows carry, and the call it came
	 * in, asked before the write starts, while it waits for the write lock, and just before it
	 * commits: {@link #check()} throws {@link HostsException} when the caller has given up (deadline
	 * passed or call cancelled), so that nothing is started or half-written.
	 */
	public interface WriteCaller {

		/** Background work nobody called: never gives up, sets no deadline, named {@value Callers#ANONYMOUS}. */
		WriteCaller UNATTENDED = () -> Callers.ANONYMOUS;

		/** The caller's name: a token's name, a certificate's subject, or {@value Callers#ANONYMOUS}. */
		String name();

		/** Throws when the caller has given up. */
		default void check() {
		}

		/** What remains of the caller's deadline; empty when it set none. */
		default Optional<Duration> remaining() {
			return Optional.empty();
		}

	}
}
