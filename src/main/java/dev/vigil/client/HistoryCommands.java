package dev.vigil.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.google.protobuf.Timestamp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.vigil.api.routerhosts.v1.CompactAggregatesRequest;
import dev.vigil.api.routerhosts.v1.CompactAggregatesResponse;
import dev.vigil.api.routerhosts.v1.CompactedAggregate;
import dev.vigil.api.v1.EntryHistoryRequest;
import dev.vigil.api.v1.FieldChange;
import dev.vigil.api.v1.HistoryEvent;
import dev.vigil.api.v1.HistoryOperation;
import dev.vigil.api.v1.HistoryPage;
import dev.vigil.api.v1.ListChangesRequest;

import org.springframework.boot.convert.DurationStyle;

/**
 * {@code changes} and {@code compact}, and what {@code host history} prints: who changed which
 * entry, when, from what to what; and folding an entry's history. Every read follows the pages to
 * the end, or to {@code --limit}.
 */
final class HistoryCommands {

	/** Rows asked for per page: the server's largest. */
	private static final int PAGE = 1000;

	/** The wire's operations are the words the command line takes, with this prefix. */
	private static final String OPERATION_PREFIX = "HISTORY_OPERATION_";

	private HistoryCommands() {
	}

	/** One entry's events, newest first. */
	static Table entryHistory(RouterHostsClient client, String id, int limit) {
		return read(limit, (token) -> client.history()
			.entryHistory(EntryHistoryRequest.newBuilder().setId(id).setPageSize(PAGE).setPageToken(token).build()));
	}

	/** {@code changes}: the events after a point, oldest first. */
	@Command(name = "changes", description = "Who changed which hosts, oldest first: after a change, a time or a while ago, by a caller.")
	static final class ChangesCommand implements Callable<Integer> {

		private final RootCommand root;

		@Option(names = "--since", paramLabel = "WHEN",
				description = "A change id, a time (2026-12-05T09:00:00Z) or a while ago (30m, 2h, 7d). Default: the oldest kept.")
		private String since;

		@Option(names = "--by", paramLabel = "NAME", description = "Only changes by this caller (a token's name, a certificate's subject, anonymous).")
		private String by;

		@Option(names = "--operation", paramLabel = "OP",
				description = "Only this operation: created, updated, deleted, imported, restored or compacted.")
		private String operation;

		@Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "At most N events. Default: all.")
		private int limit;

		ChangesCommand(RootCommand root) {
			this.root = root;
		}

		@Override
		public Integer call() {
			if (this.limit < 0) {
				throw new CommandException("--limit cannot be negative");
			}
			ListChangesRequest.Builder request = ListChangesRequest.newBuilder().setPageSize(PAGE);
			if (this.since != null) {
				since(request, this.since, Clock.systemUTC());
			}
			if (this.by != null) {
				request.setCaller(this.by);
			}
			if (this.operation != null) {
				request.setOperation(operation(this.operation));
			}
			try (RouterHostsClient client = this.root.connect()) {
				Table table = read(this.limit,
						(token) -> client.history().listChanges(request.clone().setPageToken(token).build()));
				this.root.output().list(table);
			}
			return ExitCodes.OK;
		}

	}

	/** {@code compact}: the public client's command, with its rules: an ID or {@code --over N}, not both. */
	@Command(name = "compact", description = "Fold each entry's history into one event holding its current fields and version.")
	static final class CompactCommand implements Callable<Integer> {

		private final RootCommand root;

		@Parameters(paramLabel = "ID", arity = "0..1", description = "The entry whose history to fold.")
		private String id;

		@Option(names = "--over", paramLabel = "N", description = "Every entry with more than N events.")
		private Long over;

		@Option(names = "--dry-run", description = "Say what would be folded; change nothing.")
		private boolean dryRun;

		CompactCommand(RootCommand root) {
			this.root = root;
		}

		@Override
		public Integer call() {
			if ((this.id == null) == (this.over == null)) {
				throw new CommandException("give an ID or --over N, not both");
			}
			CompactAggregatesRequest.Builder request = CompactAggregatesRequest.newBuilder().setDryRun(this.dryRun);
			if (this.id != null) {
				request.setAggregateId(this.id);
			}
			else {
				request.setOverThreshold(this.over);
			}
			try (RouterHostsClient client = this.root.connect()) {
				CompactAggregatesResponse response = client.hosts().compactAggregates(request.build());
				Table compacted = Table.of(Table.column("aggregate_id"), Table.column("events_before"),
						Table.column("events_after"), Table.column("version"));
				for (CompactedAggregate entry : response.getCompactedList()) {
					compacted.row(entry.getAggregateId(), entry.getEventsBefore(), entry.getEventsAfter(), entry.getVersion());
				}
				Output output = this.root.output();
				if (output.format() == OutputFormat.table) {
					output.list(compacted);
					this.root.io()
						.out()
						.println((this.dryRun ? "would reclaim " : "reclaimed ") + response.getTotalEventsReclaimed()
								+ " events" + (this.dryRun ? " (dry run: nothing was changed)" : ""));
				}
				else {
					output.record(null, Table.of(Table.column("dry_run"), Table.column("total_events_reclaimed"),
							Table.column("compacted")).row(this.dryRun, response.getTotalEventsReclaimed(), compacted));
				}
			}
			return ExitCodes.OK;
		}

	}

	/** {@code --since}: a change id, an instant, or a duration back from now. */
	static void since(ListChangesRequest.Builder request, String since, Clock clock) {
		if (since.length() == 26 && since.chars().allMatch(Character::isLetterOrDigit)) {
			request.setSinceChangeId(since);
			return;
		}
		Instant instant;
		try {
			instant = Instant.parse(since);
		}
		catch (DateTimeParseException notInstant) {
			try {
				Duration ago = DurationStyle.detectAndParse(since);
				instant = clock.instant().minus(ago);
			}
			catch (IllegalArgumentException notDuration) {
				throw new CommandException("--since: '" + since
						+ "' is neither a change id, a time (2026-12-05T09:00:00Z) nor a while ago (30m, 2h, 7d)");
			}
		}
		request.setSinceTime(Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()));
	}

	private static HistoryOperation operation(String word) {
		try {
			HistoryOperation operation = HistoryOperation.valueOf(OPERATION_PREFIX + word.toUpperCase(Locale.ROOT));
			if (operation != HistoryOperation.HISTORY_OPERATION_UNSPECIFIED) {
				return operation;
			}
		}
		catch (IllegalArgumentException ex) {
			// Said below.
		}
		throw new CommandException("--operation: '" + word
				+ "' is not one of created, updated, deleted, imported, restored, compacted");
	}

	/** Every page the call gives, at most {@code limit} events (0: all), as one table. */
	private static Table read(int limit, Function<String, HistoryPage> call) {
		Table table = Table.of(Table.column("changed_at"), Table.column("entry_id"), Table.column("operation"),
				Table.column("caller"), Table.column("changes"), Table.column("version"), Table.wide("change_id"),
				Table.wide("sequence"), Table.wide("fields"));
		int rows = 0;
		String token = "";
		do {
			HistoryPage page = call.apply(token);
			for (HistoryEvent event : page.getEventsList()) {
				if (limit > 0 && rows == limit) {
					return table;
				}
				table.row(Table.instant(event.getChangedAt()), event.getEntryId(), word(event.getOperation()),
						event.getCaller(), summary(event.getChangesList()), event.getVersion(), event.getChangeId(),
						event.getSequence(), fields(event.getChangesList()));
				rows++;
			}
			token = page.getNextPageToken();
		}
		while (!token.isEmpty());
		return table;
	}

	private static String word(HistoryOperation operation) {
		return operation.name().substring(OPERATION_PREFIX.length()).toLowerCase(Locale.ROOT);
	}

	/** {@code field: before → after; …}, for people; a field without a value shows {@code (none)}. */
	private static String summary(List<FieldChange> changes) {
		return changes.stream()
			.map((change) -> change.getField() + ": " + values(change.getBeforeList()) + " → " + values(change.getAfterList()))
			.collect(Collectors.joining("; "));
	}

	private static String values(List<String> values) {
		return values.isEmpty() ? "(none)" : String.join(",", values);
	}

	/** The changes as records, for JSON. */
	private static Table fields(List<FieldChange> changes) {
		Table table = Table.of(Table.column("field"), Table.column("before"), Table.column("after"));
		changes.forEach((change) -> table.row(change.getField(), change.getBeforeList(), change.getAfterList()));
		return table;
	}

}
