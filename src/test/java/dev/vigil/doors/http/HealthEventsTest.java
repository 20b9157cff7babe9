package dev.vigil.doors.http;

import java.time.Duration;
import java.util.Map;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.api.v1.HealthEventsGrpc;
import dev.vigil.api.v1.ListHealthEventsRequest;
import dev.vigil.api.v1.ListHealthEventsResponse;
import dev.vigil.testing.CommandRun;
import dev.vigil.testing.Doors;
import dev.vigil.testing.SwitchableCheck;
import dev.vigil.testing.SwitchableCheck.Outcome;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The health timeline on its three doors: a component that turns DEGRADED and back is two events on
 * {@code /actuator/healthevents}, on {@code vigil.v1.HealthEvents} and in {@code vigil server
 * events}, each with what it replaced and how long that lasted; a parameter past its bound is the
 * caller's mistake.
 */
@VigilTest
class HealthEventsTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	SwitchableCheck switchable;

	@Test
	void aComponentThatDegradesAndRecoversIsTwoEventsOnEveryDoor() throws Exception {
		try (Doors doors = Doors.of(this.context)) {
			this.switchable.set(Outcome.UP);
			await().atMost(Duration.ofSeconds(10)).until(() -> doors.read().grpcReady());
			this.switchable.set(Outcome.DEGRADED);
			await().atMost(Duration.ofSeconds(10)).until(() -> events(doors).getEventsList().stream()
				.anyMatch((event) -> event.getStatus().equals("DEGRADED")));
			this.switchable.set(Outcome.UP);
			ListHealthEventsResponse grpc = await().atMost(Duration.ofSeconds(10))
				.until(() -> events(doors), (response) -> response.getEventsCount() >= 2
						&& response.getEvents(response.getEventsCount() - 1).getStatus().equals("UP"));
			assertThat(grpc.getEvents(grpc.getEventsCount() - 2).getPrevious()).isEqualTo("UP");
			assertThat(grpc.getEvents(grpc.getEventsCount() - 1).getPrevious()).isEqualTo("DEGRADED");
			assertThat(grpc.getEvents(grpc.getEventsCount() - 1).getLasted().getNanos()
					+ grpc.getEvents(grpc.getEventsCount() - 1).getLasted().getSeconds()).isPositive();
			assertThat(grpc.getCapacity()).isEqualTo(1000);

			JsonNode http = JsonMapper.builder().build()
				.readTree(doors.get("/actuator/healthevents?component=switchable&since=1h").body());
			assertThat(http.get("events")).hasSizeGreaterThanOrEqualTo(2);
			assertThat(http.get("events").get(http.get("events").size() - 1).get("previous").asString()).isEqualTo("DEGRADED");
			assertThat(doors.status("/actuator/healthevents?since=yesterday")).isEqualTo(400);

			CommandRun cli = CommandRun.of(Map.of(), "--server", "localhost:" + doors.grpcPort(), "server", "events",
					"--since", "1h", "--component", "switchable", "-f", "csv").assertExit(0);
			assertThat(cli.firstLine()).isEqualTo("at,component,status,previous,reason,lasted");
			assertThat(cli.out()).contains(",switchable,DEGRADED,UP,", ",switchable,UP,DEGRADED,,");

			assertThatThrownBy(() -> HealthEventsGrpc.newBlockingStub(doors.channel())
				.listHealthEvents(ListHealthEventsRequest.newBuilder().setComponent("x".repeat(300)).build()))
				.isInstanceOfSatisfying(StatusRuntimeException.class,
						(ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
		}
	}

	private static ListHealthEventsResponse events(Doors doors) {
		return HealthEventsGrpc.newBlockingStub(doors.channel())
			.listHealthEvents(ListHealthEventsRequest.newBuilder().setComponent("switchable").build());
	}

}
