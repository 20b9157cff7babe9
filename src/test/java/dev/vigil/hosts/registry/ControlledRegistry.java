package dev.vigil.hosts.registry;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.vigil.database.DatabaseBackend;
import dev.vigil.database.DatabaseOutageGate;
import dev.vigil.hosts.HostsProperties.Limits;

/**
 * A registry for reads that the test controls, with no database: zero or one entry, a read that
 * can be held or made to fail, and a newest change that the test sets. For the readers of the
 * registry in other packages (the hosts-file renderer).
 */
public final class ControlledRegistry {

	/** Counted down when a page read starts. */
	public final CountDownLatch entered = new CountDownLatch(1);

	/** What a page read throws, while set. */
	public final AtomicReference<RuntimeException> failure = new AtomicReference<>();

	/** Holds every page read until counted down. */
	public volatile CountDownLatch gate = new CountDownLatch(0);

	/** How long each page read works, as a large registry's would. */
	public volatile Duration readTakes = Duration.ZERO;

	/** The one entry, or none. */
	public volatile Host host;

	/** The newest change, in turn: the last one from then on. */
	public final List<Change> answers = new CopyOnWriteArrayList<>(List.of(Change.NONE));

	/** How often the newest change was read. */
	public final AtomicInteger reads = new AtomicInteger();

	/** The failures the registry reported as database failure signals. */
	public final List<RuntimeException> reported = new CopyOnWriteArrayList<>();

	private final ChangeLog changes = new ChangeLog(null, DatabaseBackend.SQLITE, null, Clock.systemUTC(), 1) {

		@Override
		public Change newest() {
			int read = ControlledRegistry.this.reads.getAndIncrement();
			return ControlledRegistry.this.answers.get(Math.min(read, ControlledRegistry.this.answers.size() - 1));
		}

	};

	private final ChangeFeed feed = new ChangeFeed(this.changes, Clock.systemUTC(), () -> false);

	private final HostsRegistry registry = new HostsRegistry(new HostRepository(null) {

		@Override
		public List<Host> page(HostQuery query, Cursor after, int offset, int size) {
			ControlledRegistry.this.entered.countDown();
			try {
				ControlledRegistry.this.gate.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			LockSupport.parkNanos(ControlledRegistry.this.readTakes.toNanos());
			RuntimeException ex = ControlledRegistry.this.failure.get();
			if (ex != null) {
				throw ex;
			}
			Host current = ControlledRegistry.this.host;
			return (current != null && after == null) ? List.of(current) : List.of();
		}

	}, this.changes, new DatabaseCalls(this.reported::add, () -> DatabaseOutageGate.Pass.FREE), new Limits(1024, 16, 1024),
			Supplier::get);

	public HostsRegistry registry() {
		return this.registry;
	}

	public ChangeFeed feed() {
		return this.feed;
	}

}
