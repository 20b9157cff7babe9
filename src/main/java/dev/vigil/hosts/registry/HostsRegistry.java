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

	/** {@link #readAll} reads again when a change committed during the read, this often at most. */
	private static final int CONSISTENT_READ_ATTEMPTS = 3;

	private final HostRepository repository;

	private final ChangeLog changes;

	private final DatabaseCalls database;

	private final Limits limits;

	HostsRegistry(HostRepository repository, ChangeLog changes, DatabaseCalls database, Limits limits) {
		this.repository = repository;
		this.changes = changes;
		this.database = database;
		this.limits = limits;
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

	/** What a read made of the registry, and the change it is as of. */
	public record AsOf<T>(Change change, T value) {
	}

}
