package dev.vigil.health;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every door reads of a group: serving is a 2xx of the group's own mapping, a member by its
 * name, and the reason names each failing member.
 */
class GroupHealthTest {

	private static final ComponentState DB = new ComponentState("db", Status.DOWN, "timeout after 2000ms", Map.of());

	private static final ComponentState QUEUE = new ComponentState("modelQueue", Status.OUT_OF_SERVICE, "queue full",
			Map.of());

	private static final ComponentState PING = new ComponentState("ping", Status.UP, "UP", Map.of());

	@Test
	void servingIsA2xxOfTheGroupsMapping() {
		assertThat(GroupHealth.isServing(199)).isFalse();
		assertThat(GroupHealth.isServing(200)).isTrue();
		assertThat(GroupHealth.isServing(299)).isTrue();
		assertThat(GroupHealth.isServing(300)).isFalse();
		assertThat(GroupHealth.isServing(503)).isFalse();
		assertThat(group(200, List.of()).serving()).isTrue();
		assertThat(group(503, List.of(DB)).serving()).isFalse();
	}

	@Test
	void membersAreFoundByNameAndFailingOnesGiveTheReason() {
		GroupHealth readiness = group(503, List.of(DB, QUEUE));
		assertThat(readiness.component("ping")).contains(PING);
		assertThat(readiness.component("db")).contains(DB);
		assertThat(readiness.component("acme")).isEmpty();
		assertThat(readiness.reason()).isEqualTo("db: timeout after 2000ms; modelQueue: queue full");
		assertThat(group(200, List.of()).reason()).isEmpty();
	}

	private static GroupHealth group(int httpStatus, List<ComponentState> failing) {
		return new GroupHealth("readiness", failing.isEmpty() ? Status.UP : Status.DOWN, httpStatus,
				List.of(PING, DB, QUEUE), failing);
	}

}
