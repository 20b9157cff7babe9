package dev.vigil.hosts.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UlidTest {

	@Test
	void generatedIdsAreValidUniqueAndSortByTime() {
		Ulid early = new Ulid(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
		Ulid late = new Ulid(Clock.fixed(Instant.parse("2026-01-01T00:00:01Z"), ZoneOffset.UTC));
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String id = early.next();
			assertThat(Ulid.isValid(id)).as(id).isTrue();
			ids.add(id);
		}
		assertThat(ids).hasSize(1000);
		assertThat(late.next()).isGreaterThan(ids.stream().max(String::compareTo).orElseThrow());
		// The time part is the first ten characters: the epoch millisecond of 2026-01-01T00:00:00Z.
		assertThat(early.next()).startsWith("01KDVDNA00");
	}

	@Test
	void malformedIdsAreNotValid() {
		assertThat(Ulid.isValid("01ARZ3NDEKTSV4RRFFQ69G5FAV")).isTrue();
		assertThat(Ulid.isValid("01ARZ3NDEKTSV4RRFFQ69G5FA")).isFalse();
		assertThat(Ulid.isValid("01ARZ3NDEKTSV4RRFFQ69G5FAU")).isFalse();
		assertThat(Ulid.isValid("81ARZ3NDEKTSV4RRFFQ69G5FAV")).isFalse();
		assertThat(Ulid.isValid(null)).isFalse();
	}

}
