package dev.vigil.hosts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rollback writes so that the registry holds exactly a snapshot's entries, found by walking
 * the registry and the snapshot side by side in id order, a page at a time:
 * <ul>
 * <li>an entry created since the snapshot is deleted;</li>
 * <li>one deleted since comes back as the snapshot holds it: id, fields, timestamps, version;</li>
 * <li>one changed since gets the snapshot's fields and a new version (so a client holding the
 * version it had is refused, as after any update), updated now;</li>
 * <li>one unchanged is left alone, version and all.</li>
 * </ul>
 * A changed entry is deleted and inserted again rather than updated in place, so that no address
 * and name pair is held twice mid-transaction, whichever names the changes swapped.
 */
final class RollbackPlan {

	/** Reads a page of entries in id order, after an id (from the first when null). */
	@FunctionalInterface
	interface Pages {

		List<Host> after(String afterId, int size);

	}

	private final List<String> deletions = new ArrayList<>();

	private final List<Host> insertions = new ArrayList<>();

	private RollbackPlan() {
	}

	/** The plan that turns {@code current} into {@code target}, with changed entries updated at {@code now}. */
	static RollbackPlan between(Pages current, Pages target, int pageSize, Instant now) {
		RollbackPlan plan = new RollbackPlan();
		Walk registry = new Walk(current, pageSize);
		Walk snapshot = new Walk(target, pageSize);
		while (registry.peek() != null || snapshot.peek() != null) {
			Host present = registry.peek();
			Host then = snapshot.peek();
			int order = (present == null) ? 1 : (then == null) ? -1 : present.id().compareTo(then.id());
			if (order < 0) {
				plan.deletions.add(present.id());
				registry.advance();
			}
			else if (order > 0) {
				plan.insertions.add(then);
				snapshot.advance();
			}
			else {
				if (!present.fields().equals(then.fields())) {
					plan.deletions.add(present.id());
					plan.insertions.add(new Host(then.id(), then.fields(), then.createdAt(), now, present.version() + 1));
				}
				registry.advance();
				snapshot.advance();
			}
		}
		return plan;
	}

	List<String> deletions() {
		return this.deletions;
	}

	List<Host> insertions() {
		return this.insertions;
	}

	/** Whether the registry already holds exactly the snapshot's entries. */
	boolean changesNothing() {
		return this.deletions.isEmpty() && this.insertions.isEmpty();
	}

	/** One side of the walk: the entry under the cursor, and the next page read when this one runs out. */
	private static final class Walk {

		private final Pages pages;

		private final int size;

		private List<Host> page;

		private int index;

		private boolean last;

		Walk(Pages pages, int size) {
			this.pages = pages;
			this.size = size;
			this.page = pages.after(null, size);
			this.last = this.page.size() < size;
		}

		Host peek() {
			if (this.index == this.page.size() && !this.last) {
				this.page = this.pages.after(this.page.get(this.page.size() - 1).id(), this.size);
				this.index = 0;
				this.last = this.page.size() < this.size;
			}
			return (this.index < this.page.size()) ? this.page.get(this.index) : null;
		}

		void advance() {
			this.index++;
		}

	}

}
