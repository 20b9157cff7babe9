package dev.vigil.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.AliasesUpdate;
import dev.vigil.api.routerhosts.v1.DeleteHostRequest;
import dev.vigil.api.routerhosts.v1.ExportHostsRequest;
import dev.vigil.api.routerhosts.v1.ExportHostsResponse;
import dev.vigil.api.routerhosts.v1.GetHostRequest;
import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.ImportHostsResponse;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.api.routerhosts.v1.ListHostsResponse;
import dev.vigil.api.routerhosts.v1.SearchHostsRequest;
import dev.vigil.api.routerhosts.v1.SearchHostsResponse;
import dev.vigil.api.routerhosts.v1.TagsUpdate;
import dev.vigil.api.routerhosts.v1.UpdateHostRequest;
import dev.vigil.support.AtomicFileWriter;

/**
 * {@code host add|get|history|update|delete|list|search|import|export}: the registry's entries. Update and
 * delete send the version they were given, else the one they read just before, so that two
 * operators never overwrite each other blindly; a conflict names both versions.
 */
@Command(name = "host", description = "Add, change, find, import and export hosts, and show who changed them.", synopsisSubcommandLabel = "COMMAND")
final class HostCommands {

	private final RootCommand root;

	HostCommands(RootCommand root) {
		this.root = root;
	}

	@Command(name = "add", description = "Add a host; prints it (with --quiet, its id only).")
	int add(@Option(names = "--ip", required = true, paramLabel = "ADDRESS", description = "IPv4 or IPv6 address.") String ip,
			@Option(names = "--hostname", required = true, paramLabel = "NAME") String hostname,
			@Option(names = "--comment", paramLabel = "TEXT") String comment,
			@Option(names = "--tags", paramLabel = "TAG,…", description = "Comma-separated tags.") String tags,
			@Option(names = "--aliases", paramLabel = "NAME,…", description = "Comma-separated aliases.") String aliases) {
		AddHostRequest.Builder request = AddHostRequest.newBuilder().setIpAddress(ip).setHostname(hostname);
		if (comment != null) {
			request.setComment(comment);
		}
		request.addAllTags(values(tags)).addAllAliases(values(aliases));
		try (RouterHostsClient client = this.root.connect()) {
			HostEntry entry = client.hosts().addHost(request.build()).getEntry();
			Output output = this.root.output();
			output.record(null, HostTable.of(entry));
			output.id(entry.getId());
		}
		return ExitCodes.OK;
	}

	@Command(name = "get", description = "Show one host.")
	int get(@Parameters(paramLabel = "ID") String id) {
		try (RouterHostsClient client = this.root.connect()) {
			HostEntry entry = client.hosts().getHost(GetHostRequest.newBuilder().setId(id).build()).getEntry();
			this.root.output().record(null, HostTable.of(entry));
		}
		return ExitCodes.OK;
	}

	@Command(name = "history", description = "Who changed a host, when, and from what to what; newest first, deleted hosts too.")
	int history(@Parameters(paramLabel = "ID") String id,
			@Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "At most N events. Default: all.") int limit) {
		if (limit < 0) {
			throw new CommandException("--limit cannot be negative");
		}
		try (RouterHostsClient client = this.root.connect()) {
			this.root.output().list(HistoryCommands.entryHistory(client, id, limit));
		}
		return ExitCodes.OK;
	}

	@Command(name = "update", description = "Change a host's fields; the others are kept. An empty --tags or --aliases clears them.")
	int update(@Parameters(paramLabel = "ID") String id, @Option(names = "--ip", paramLabel = "ADDRESS") String ip,
			@Option(names = "--hostname", paramLabel = "NAME") String hostname,
			@Option(names = "--comment", paramLabel = "TEXT") String comment,
			@Option(names = "--tags", paramLabel = "TAG,…") String tags,
			@Option(names = "--aliases", paramLabel = "NAME,…") String aliases,
			@Option(names = "--version", paramLabel = "VERSION",
					description = "The version you last saw. Default: the version read just before the update.") String version) {
		try (RouterHostsClient client = this.root.connect()) {
			String expected = (version != null) ? version : read(client, id).getVersion();
			UpdateHostRequest.Builder request = UpdateHostRequest.newBuilder().setId(id).setExpectedVersion(expected);
			if (ip != null) {
				request.setIpAddress(ip);
			}
			if (hostname != null) {
				request.setHostname(hostname);
			}
			if (comment != null) {
				request.setComment(comment);
			}
			if (tags != null) {
				request.setTags(TagsUpdate.newBuilder().addAllValues(values(tags)));
			}
			if (aliases != null) {
				request.setAliases(AliasesUpdate.newBuilder().addAllValues(values(aliases)));
			}
			HostEntry entry = guarded(client, id, expected, () -> client.hosts().updateHost(request.build()).getEntry());
			this.root.output().record(null, HostTable.of(entry));
		}
		return ExitCodes.OK;
	}

	@Command(name = "delete", description = "Delete a host.")
	int delete(@Parameters(paramLabel = "ID") String id, @Option(names = "--version", paramLabel = "VERSION",
			description = "The version you last saw. Default: the version read just before the delete.") String version) {
		try (RouterHostsClient client = this.root.connect()) {
			String expected = (version != null) ? version : read(client, id).getVersion();
			guarded(client, id, expected, () -> client.hosts()
				.deleteHost(DeleteHostRequest.newBuilder().setId(id).setExpectedVersion(expected).build()));
			this.root.output().record("deleted " + id,
					Table.of(Table.column("id"), Table.column("deleted")).row(id, true));
		}
		return ExitCodes.OK;
	}

	@Command(name = "list", description = "List hosts in hosts-file order (numeric address, then name).")
	int list(@Option(names = "--filter", paramLabel = "FILTER", description = "See docs/hosts.md for the syntax.") String filter,
			@Option(names = "--limit", paramLabel = "N") Integer limit, @Option(names = "--offset", paramLabel = "N") Integer offset) {
		ListHostsRequest.Builder request = ListHostsRequest.newBuilder();
		if (filter != null) {
			request.setFilter(filter);
		}
		if (limit != null) {
			request.setLimit(limit);
		}
		if (offset != null) {
			request.setOffset(offset);
		}
		try (RouterHostsClient client = this.root.connect()) {
			Output output = this.root.output();
			output.list(HostTable.of(client.hosts().listHosts(request.build()), ListHostsResponse::getEntry));
		}
		return ExitCodes.OK;
	}

	@Command(name = "search", description = "Hosts whose address, name, aliases, comment or tags contain QUERY (any case).")
	int search(@Parameters(paramLabel = "QUERY") String query) {
		try (RouterHostsClient client = this.root.connect()) {
			Output output = this.root.output();
			output.list(HostTable.of(client.hosts().searchHosts(SearchHostsRequest.newBuilder().setQuery(query).build()),
					SearchHostsResponse::getEntry));
		}
		return ExitCodes.OK;
	}

	@Command(name = "import", description = "Import a hosts, JSON or CSV document (-f, else by the file's extension).")
	int importFile(@Parameters(paramLabel = "FILE") Path file,
			@Option(names = "--conflict-mode", paramLabel = "MODE", defaultValue = "skip",
					description = "skip (default), replace or strict.") ConflictMode mode,
			@Option(names = "--force", description = "Import the valid entries even when others fail validation.") boolean force) {
		String format = documentFormat(file);
		byte[] document;
		try {
			document = Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			throw new CommandException("no such file: " + file);
		}
		catch (IOException ex) {
			throw new CommandException("cannot read " + file + ": " + ex.getClass().getSimpleName());
		}
		boolean progress = this.root.io().terminal() && !this.root.quiet();
		try (RouterHostsClient client = this.root.connect()) {
			// A refused import sends its summary (with the invalid lines) before its error status.
			ImportHostsResponse summary = client.importHosts(document, format, mode.name(), force, (response) -> {
				if (progress) {
					this.root.io().err().print("\rprocessed " + response.getProcessed());
				}
				printValidationErrors(response);
			});
			if (progress) {
				this.root.io().err().println();
			}
			this.root.summaryOutput().record(String.format(Locale.ROOT, "processed %d: created %d, updated %d, skipped %d, failed %d",
					summary.getProcessed(), summary.getCreated(), summary.getUpdated(), summary.getSkipped(), summary.getFailed()),
					Table.of(Table.column("processed"), Table.column("created"), Table.column("updated"), Table.column("skipped"),
							Table.column("failed"))
						.row(summary.getProcessed(), summary.getCreated(), summary.getUpdated(), summary.getSkipped(),
								summary.getFailed()));
		}
		return ExitCodes.OK;
	}

	@Command(name = "export", description = "Every host as a hosts file (default), JSON or CSV (-f).")
	int export(@Option(names = { "-o", "--output" }, paramLabel = "FILE",
			description = "Write to FILE (replaced atomically) instead of stdout.") Path target) {
		OutputFormat format = (this.root.requestedFormat() != null) ? this.root.requestedFormat() : OutputFormat.hosts;
		if (format == OutputFormat.table) {
			throw new CommandException("host export writes hosts, json or csv");
		}
		ByteArrayOutputStream document = new ByteArrayOutputStream();
		try (RouterHostsClient client = this.root.connect()) {
			Iterator<ExportHostsResponse> chunks = client.hosts()
				.exportHosts(ExportHostsRequest.newBuilder().setFormat(format.name()).build());
			while (chunks.hasNext()) {
				chunks.next().getChunk().writeTo(document);
			}
		}
		catch (IOException ex) {
			throw new CommandException("cannot keep the export in memory: " + ex.getMessage());
		}
		try {
			if (target != null) {
				AtomicFileWriter.write(target, document.toByteArray());
			}
			else {
				this.root.io().out().write(document.toByteArray());
				this.root.io().out().flush();
			}
		}
		catch (IOException ex) {
			throw new CommandException("cannot write " + target + ": " + ex.getClass().getSimpleName());
		}
		return ExitCodes.OK;
	}

	/** How ImportHosts treats an entry whose address and name are already there. */
	enum ConflictMode {

		skip, replace, strict

	}

	private String documentFormat(Path file) {
		OutputFormat format = this.root.requestedFormat();
		if (format == OutputFormat.table) {
			throw new CommandException("host import reads hosts, json or csv");
		}
		if (format != null) {
			return format.name();
		}
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".json") ? "json" : name.endsWith(".csv") ? "csv" : "hosts";
	}

	private void printValidationErrors(ImportHostsResponse response) {
		for (String error : response.getValidationErrorsList()) {
			this.root.io().err().println("invalid: " + error);
		}
	}

	private static HostEntry read(RouterHostsClient client, String id) {
		return client.hosts().getHost(GetHostRequest.newBuilder().setId(id).build()).getEntry();
	}

	/** Runs a write that names {@code expected}; on a conflict, the error names the server's version too. */
	private static <T> T guarded(RouterHostsClient client, String id, String expected, Supplier<T> write) {
		try {
			return write.get();
		}
		catch (StatusRuntimeException ex) {
			if (ex.getStatus().getCode() != Status.Code.ABORTED) {
				throw ex;
			}
			String current;
			try {
				current = read(client, id).getVersion();
			}
			catch (StatusRuntimeException gone) {
				current = "none (" + gone.getStatus().getCode() + ")";
			}
			throw Status.ABORTED
				.withDescription(ex.getStatus().getDescription() + " (you sent version " + expected
						+ ", the server has version " + current + ")")
				.asRuntimeException();
		}
	}

	/** A comma-separated option as values; an empty option is no values (which clears, on update). */
	private static List<String> values(String option) {
		if (option == null) {
			return List.of();
		}
		return Arrays.stream(option.split(",")).map(String::strip).filter((value) -> !value.isEmpty()).toList();
	}

}
