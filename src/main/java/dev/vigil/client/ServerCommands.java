package dev.vigil.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.google.protobuf.Timestamp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.vigil.api.v1.HealthEvent;
import dev.vigil.api.v1.ListHealthEventsRequest;
import dev.vigil.api.v1.ListHealthEventsResponse;

/**
 * {@code server health|liveness|readiness}: the server's own answers; the exit code follows them.
 * {@code server events}: its health timeline.
 */
@Command(name = "server", description = "Ask the server whether it is alive, ready and healthy.", synopsisSubcommandLabel = "COMMAND")
final class ServerCommands {

	private final RootCommand root;

	ServerCommands(RootCommand root) {
		this.root = root;
	}

	@Command(name = "health", description = "Every component's status and reason; exit 1 when unhealthy.")
	int health() {
		try (RouterHostsClient client = this.root.connect()) {
			return ServerChecks.health(client, this.root.output());
		}
	}

	@Command(name = "liveness", description = "Whether the process makes progress; exit 1 when not.")
	int liveness() {
		try (RouterHostsClient client = this.root.connect()) {
			return ServerChecks.liveness(client, this.root.output());
		}
	}

	@Command(name = "readiness", description = "Whether it should get traffic, else which components fail; exit 1 when not ready.")
	int readiness() {
		try (RouterHostsClient client = this.root.connect()) {
			return ServerChecks.readiness(client, this.root.output());
		}
	}

	@Command(name = "events", description = "Every change of a component's status the server kept, oldest first.")
	int events(@Option(names = "--since", paramLabel = "DURATION", converter = DurationConverter.class,
			description = "Only changes within this while (30m, 2h, 7d). Default: every change kept.") Duration since,
			@Option(names = "--component", paramLabel = "NAME", description = "Only this component (db, acme, readinessState, ...).") String component) {
		ListHealthEventsRequest.Builder request = ListHealthEventsRequest.newBuilder();
		if (since != null) {
			Instant from = Clock.systemUTC().instant().minus(since);
			request.setSince(Timestamp.newBuilder().setSeconds(from.getEpochSecond()).setNanos(from.getNano()));
		}
		if (component != null) {
			request.setComponent(component);
		}
		try (RouterHostsClient client = this.root.connect()) {
			ListHealthEventsResponse response = client.healthEvents().listHealthEvents(request.build());
			Table table = Table.of(Table.column("at"), Table.column("component"), Table.column("status"),
					Table.column("previous"), Table.column("reason"), Table.column("lasted"));
			for (HealthEvent event : response.getEventsList()) {
				table.row(Table.instant(event.getAt()), event.getComponent(), event.getStatus(), event.getPrevious(),
						event.getReason(), event.getLasted().getSeconds() + event.getLasted().getNanos() / 1_000_000 / 1000.0);
			}
			this.root.output().list(table);
		}
		return ExitCodes.OK;
	}

}
