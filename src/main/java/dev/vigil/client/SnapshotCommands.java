package dev.vigil.client;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.vigil.api.routerhosts.v1.CreateSnapshotRequest;
import dev.vigil.api.routerhosts.v1.CreateSnapshotResponse;
import dev.vigil.api.routerhosts.v1.DeleteSnapshotRequest;
import dev.vigil.api.routerhosts.v1.ListSnapshotsRequest;
import dev.vigil.api.routerhosts.v1.ListSnapshotsResponse;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotRequest;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotResponse;
import dev.vigil.api.routerhosts.v1.Snapshot;

/** {@code snapshot create|list|rollback|delete}: copies of every entry, and going back to one. */
@Command(name = "snapshot", description = "Take, list, roll back to and delete snapshots of every host.",
		synopsisSubcommandLabel = "COMMAND")
final class SnapshotCommands {

	private final RootCommand root;

	SnapshotCommands(RootCommand root) {
		this.root = root;
	}

	@Command(name = "create", description = "Copy every host into a new snapshot; prints it (with --quiet, its id only).")
	int create(@Option(names = "--name", paramLabel = "NAME", description = "Default: snapshot- and the UTC time.") String name,
			@Option(names = "--trigger", paramLabel = "TRIGGER", description = "Default: manual.") String trigger) {
		CreateSnapshotRequest.Builder request = CreateSnapshotRequest.newBuilder();
		if (name != null) {
			request.setName(name);
		}
		if (trigger != null) {
			request.setTrigger(trigger);
		}
		try (RouterHostsClient client = this.root.connect()) {
			CreateSnapshotResponse created = client.hosts().createSnapshot(request.build());
			Output output = this.root.output();
			output.record(null, Table.of(Table.column("snapshot_id"), Table.column("created_at"), Table.column("entry_count"))
				.row(created.getSnapshotId(), Table.instant(created.getCreatedAt()), created.getEntryCount()));
			output.id(created.getSnapshotId());
		}
		return ExitCodes.OK;
	}

	@Command(name = "list", description = "Snapshots, newest first.")
	int list(@Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Default: all.") int limit,
			@Option(names = "--offset", paramLabel = "N", defaultValue = "0") int offset) {
		if (limit < 0 || offset < 0) {
			throw new CommandException("--limit and --offset cannot be negative");
		}
		try (RouterHostsClient client = this.root.connect()) {
			Output output = this.root.output();
			Table table = Table.of(Table.column("snapshot_id"), Table.column("created_at"), Table.column("entry_count"),
					Table.column("trigger"), Table.column("name"));
			client.hosts()
				.listSnapshots(ListSnapshotsRequest.newBuilder().setLimit(limit).setOffset(offset).build())
				.forEachRemaining((ListSnapshotsResponse response) -> {
					Snapshot snapshot = response.getSnapshot();
					table.row(snapshot.getSnapshotId(), Table.instant(snapshot.getCreatedAt()), snapshot.getEntryCount(),
							snapshot.getTrigger(), snapshot.getName());
				});
			output.list(table);
		}
		return ExitCodes.OK;
	}

	@Command(name = "rollback", description = "Make the hosts exactly the snapshot's, after a pre-rollback snapshot that undoes it.")
	int rollback(@Parameters(paramLabel = "ID") String id) {
		try (RouterHostsClient client = this.root.connect()) {
			RollbackToSnapshotResponse rolledBack = client.hosts()
				.rollbackToSnapshot(RollbackToSnapshotRequest.newBuilder().setSnapshotId(id).build());
			this.root.output()
				.record("rolled back to " + id + ": " + rolledBack.getRestoredEntryCount() + " entries; undo with: snapshot rollback "
						+ rolledBack.getNewSnapshotId(),
						Table.of(Table.column("snapshot_id"), Table.column("restored_entry_count"), Table.column("new_snapshot_id"))
							.row(id, rolledBack.getRestoredEntryCount(), rolledBack.getNewSnapshotId()));
		}
		return ExitCodes.OK;
	}

	@Command(name = "delete", description = "Delete a snapshot.")
	int delete(@Parameters(paramLabel = "ID") String id) {
		try (RouterHostsClient client = this.root.connect()) {
			client.hosts().deleteSnapshot(DeleteSnapshotRequest.newBuilder().setSnapshotId(id).build());
			this.root.output()
				.record("deleted snapshot " + id, Table.of(Table.column("snapshot_id"), Table.column("deleted")).row(id, true));
		}
		return ExitCodes.OK;
	}

}
