package dev.vigil.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.grpc.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.vigil.client.sink.HostsSnapshot;
import dev.vigil.client.sink.SinkException;
import dev.vigil.client.sink.SinkTemplate;
import dev.vigil.client.sink.SnapshotStream;
import dev.vigil.support.AtomicFileWriter;

/**
 * {@code render --template FILE [--out PATH]}: one WatchHosts snapshot through the template, to
 * stdout or written atomically. A template that targets another contract version than the server
 * serves is refused before anything is written; a failure leaves an existing file as it was.
 */
@Command(name = "render", description = "Render one snapshot of every host through a template (see docs/sink-templates.md).")
final class RenderCommand implements Callable<Integer> {

	private final RootCommand root;

	@Mixin
	private final TemplateOption template = new TemplateOption();

	@Option(names = "--out", paramLabel = "PATH", description = "Write here (temporary file, fsync, rename) instead of stdout.")
	private Path out;

	RenderCommand(RootCommand root) {
		this.root = root;
	}

	@Override
	public Integer call() throws IOException {
		SinkTemplate sink = this.template.load();
		HostsSnapshot snapshot;
		ClientSettings settings = this.root.settings(null);
		try (RouterHostsClient client = settings.connect()) {
			snapshot = snapshot(client, settings.timeout().toMillis());
		}
		byte[] rendered;
		try {
			rendered = sink.render(snapshot);
		}
		catch (SinkException ex) {
			throw new CommandException(ex.getMessage());
		}
		if (this.out == null) {
			this.root.io().out().write(rendered);
			this.root.io().out().flush();
		}
		else {
			AtomicFileWriter.write(this.out, rendered);
		}
		return ExitCodes.OK;
	}

	private static HostsSnapshot snapshot(RouterHostsClient client, long timeout) {
		CompletableFuture<HostsSnapshot> first = new CompletableFuture<>();
		try (SnapshotStream stream = SnapshotStream.open(client.streams().withDeadlineAfter(timeout, TimeUnit.MILLISECONDS),
				false, null, first::complete, (error) -> first.completeExceptionally((error != null) ? error
						: Status.UNAVAILABLE.withDescription("the call ended before a snapshot").asException()))) {
			return first.get();
		}
		catch (ExecutionException ex) {
			throw Status.fromThrowable(ex.getCause()).asRuntimeException();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
		}
	}

}
