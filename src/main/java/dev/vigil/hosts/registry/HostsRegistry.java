package dev.vigil.hosts.registry;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.vigil.hosts.HostsProperties.Limits;

/**
 * The registry's reads: an entry, pages of a list or a search (bounded before any query), and
 * every entry as of one change. Each goes through the database's gate and failure signal
 * ({@link DatabaseCalls}); writes go through {@link HostWrites}.
 */
public class HostsRegistry {

	private final HostRepository repository;

	private final ChangeLog changes;

	private final DatabaseCalls database;

	private final Limits limits;

	private final OneSnapshot snapshots;

	HostsRegistry(HostRepository repository, ChangeLog changes, DatabaseCalls database, Limits limits,
			OneSnapshot snapshots) {
		this.repository = repository;
		this.changes = changes;
		this.database = database;
		this.limits = limits;
		this.snapshots = snapshots;
	}

	public Host get(String id) {
		String key = checkId(id);
		return read(() -> this.repository.find(key)).orElseThrow(() -> notFound(key));
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
	 * returns what it made of them. The change and every page are read in one snapshot of the
	 * database, so an update that moves an entry while the pages are read can neither drop it nor
	 * show it twice. The whole read goes through the database's gate once ({@link #read}).
	 */
	public <T> AsOf<T> readAll(int pageSize, Function<Supplier<List<Host>>, T> reader) {
		return read(() -> this.snapshots.inOneSnapshot(() -> new AsOf<>(this.changes.newest(),
				reader.apply(new HostPages(this.repository::page, HostQuery.all(), 0, 0, pageSize)))));
	}

	/** One page in id order; see {@link HostRepository#pageById}. */
	public List<Host> pageById(String afterId, int size) {
		return read(() -> this.repository.pageById(afterId, size));
	}

	/** The newest committed change, read from the database. */
	public Change newestChange() {
		return read(this.changes::newest);
	}

	/** Runs a read through the database's gate, translating its failures. */
	public <T> T read(Supplier<T> work) {
		return this.database.run(work);
	}

	static HostsException notFound(String id) {
		return new HostsException(HostsException.Reason.NOT_FOUND, "no entry with id " + id);
	}

	/** The id in canonical form; INVALID_ARGUMENT naming {@code field} when it is not a ULID. */
	public static String checkId(String field, String id) {
		String upper = (id != null) ? id.toUpperCase(Locale.ROOT) : "";
		if (!Ulid.isValid(upper)) {
			throw HostsException.invalid(field, "must be a ULID (26 Crockford base-32 characters), got \""
					+ HostValidator.printable(id) + "\"");
		}
		return upper;
	}

	static String checkId(String id) {
		return checkId("id", id);
	}

	/** Runs reads so that they all see one committed state, as {@code ReadPoolJdbc.inOneSnapshot} does. */
	@FunctionalInterface
	interface OneSnapshot {

		<T> T inOneSnapshot(Supplier<T> reads);

	}

	/** What a read made of the registry, and the change it is as of. */
	public record AsOf<T>(Change change, T value) {
	}

}
