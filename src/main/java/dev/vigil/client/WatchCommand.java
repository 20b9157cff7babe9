package dev.vigil.client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.vigil.client.sink.SinkTemplate;
import dev.vigil.client.sink.SinkWatcher;

/**
 * {@code watch --template FILE --out PATH [--exec CMD] …}: a sink that keeps {@code PATH} rendered
 * from WatchHosts, reloads its consumer after each write, reports its status and heals itself
 * after any loss. SIGTERM ends it cleanly, with exit 0.
 */
@Command(name = "watch", description = "Keep a file rendered from every change, reload its consumer, report back (a sink).")
final class WatchCommand implements Callable<Integer> {

	private final RootCommand root;

	@Mixin
	private final TemplateOption template = new TemplateOption();

	@Option(names = "--out", required = true, paramLabel = "PATH", description = "The file kept current.")
	private Path out;

	@Option(names = "--exec", paramLabel = "CMD", description = "Run through sh -c after each write, e.g. a reload of dnsmasq.")
	private String exec;

	@Option(names = "--exec-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
			description = "Kill the command's process group after this long. Default: 30s.")
	private Duration execTimeout;

	@Option(names = "--status-file", paramLabel = "PATH", description = "Where the status is kept (JSON). Default: PATH.status.")
	private Path statusFile;

	@Option(names = "--status-interval", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
			description = "Report the status this often when nothing happens. Default: 30s.")
	private Duration statusInterval;

	WatchCommand(RootCommand root) {
		this.root = root;
	}

	@Override
	public Integer call() throws InterruptedException {
		SinkTemplate sink = this.template.load();
		Path status = (this.statusFile != null) ? this.statusFile : this.out.resolveSibling(this.out.getFileName() + ".status");
		SinkWatcher watcher = new SinkWatcher(sink, new SinkWatcher.Settings(this.out, this.exec, this.execTimeout, status,
				this.statusInterval), this.root.io().err(), Clock.systemUTC());
		// SIGTERM: the watch ends its stream and saves its status, then the process exits 0.
		Thread onTerm = new Thread(() -> {
			try {
				watcher.stop(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.root.io().err().println("event=stopped");
			Runtime.getRuntime().halt(ExitCodes.OK);
		}, "vigil-watch-stop");
		Runtime.getRuntime().addShutdownHook(onTerm);
		try (RouterHostsClient client = this.root.connect()) {
			watcher.run(client.streams());
		}
		finally {
			removeHook(onTerm);
		}
		return ExitCodes.OK;
	}

	private static void removeHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// The JVM is already shutting down: the hook ends the watch.
		}
	}

}
