package dev.vigil.client;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

import dev.vigil.api.routerhosts.v1.HostEntry;

/** Host entries as the commands print them: one row each, the timestamps wide. */
final class HostTable {

	private HostTable() {
	}

	/** The one entry a command answers with. */
	static Table of(HostEntry entry) {
		return of(List.of(entry).iterator(), Function.identity());
	}

	/** One row per response, its entry read with {@code entryOf}. */
	static <R> Table of(Iterator<R> responses, Function<R, HostEntry> entryOf) {
		Table table = Table.of(Table.column("id"), Table.column("ip_address"), Table.column("hostname"),
				Table.column("aliases"), Table.column("tags"), Table.column("comment"), Table.column("version"),
				Table.wide("created_at"), Table.wide("updated_at"));
		while (responses.hasNext()) {
			HostEntry entry = entryOf.apply(responses.next());
			table.row(entry.getId(), entry.getIpAddress(), entry.getHostname(), entry.getAliasesList(), entry.getTagsList(),
					entry.hasComment() ? entry.getComment() : null, entry.getVersion(), Table.instant(entry.getCreatedAt()),
					Table.instant(entry.getUpdatedAt()));
		}
		return table;
	}

}
