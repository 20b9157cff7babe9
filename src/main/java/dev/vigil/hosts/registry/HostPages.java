package dev.vigil.hosts.registry;

import java.util.List;
import java.util.function.Supplier;


/**
 * Successive pages of a query's results, at most {@code limit} entries in all (0: no limit),
 * starting {@code offset} entries in. Each call reads one page; an empty page means the end.
 */
final class HostPages implements Supplier<List<Host>> {

	/** Reads one keyset page, as {@link HostRepository#page} does. */
	@FunctionalInterface
	public interface Reader {

		List<Host> page(HostQuery query, HostRepository.Cursor after, int offset, int size);

	}

	private final Reader reader;

	private final HostQuery query;

	private final int offset;

	private final int pageSize;

	private long remaining;

	private HostRepository.Cursor after;

	private boolean finished;

	public HostPages(Reader reader, HostQuery query, int offset, int limit, int pageSize) {
		this.reader = reader;
		this.query = query;
		this.offset = offset;
		this.remaining = (limit > 0) ? limit : Long.MAX_VALUE;
		this.pageSize = pageSize;
	}

	@Override
	public List<Host> get() {
		if (this.finished || this.remaining == 0) {
			return List.of();
		}
		int size = (int) Math.min(this.pageSize, this.remaining);
		List<Host> page = this.reader.page(this.query, this.after, this.offset, size);
		this.finished = page.size() < size;
		this.remaining -= page.size();
		if (!page.isEmpty()) {
			this.after = HostRepository.Cursor.after(page.get(page.size() - 1));
		}
		return page;
	}

}
