package dev.vigil.database;

import java.util.Locale;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * One place tells a JDBC URL's backend: the pools, the checks and the setting-dependent beans
 * (SQLite's checkpoint, PostgreSQL's listener) all ask it.
 */
class DatabaseBackendTest {

	@Test
	void aUrlNamesItsBackendInAnyCase() {
		assertThat(DatabaseBackend.fromUrl("jdbc:sqlite:./data/vigil.db")).isEqualTo(DatabaseBackend.SQLITE);
		assertThat(DatabaseBackend.fromUrl("JDBC:PostgreSQL://db:5432/vigil")).isEqualTo(DatabaseBackend.POSTGRESQL);
		assertThat(DatabaseBackend.SQLITE.names("jdbc:SQLITE:file.db")).isTrue();
		assertThat(DatabaseBackend.POSTGRESQL.names("jdbc:sqlite:file.db")).isFalse();
		assertThat(DatabaseBackend.SQLITE.names(null)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> DatabaseBackend.fromUrl(null));
	}

	@Property
	void whateverFollowsTheSchemeTheUrlIsThatBackends(@ForAll String rest) {
		assertThat(DatabaseBackend.fromUrl("jdbc:sqlite:" + rest)).isEqualTo(DatabaseBackend.SQLITE);
		assertThat(DatabaseBackend.fromUrl("JDBC:POSTGRESQL:" + rest)).isEqualTo(DatabaseBackend.POSTGRESQL);
		assertThat(DatabaseBackend.POSTGRESQL.names("jdbc:sqlite:" + rest)).isFalse();
		assertThat(DatabaseBackend.SQLITE.names("jdbc:postgresql:" + rest)).isFalse();
	}

	@Property
	void anyOtherUrlIsNoBackendsAndRefused(@ForAll String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		if (lower.startsWith("jdbc:sqlite:") || lower.startsWith("jdbc:postgresql:")) {
			return;
		}
		for (DatabaseBackend backend : DatabaseBackend.values()) {
			assertThat(backend.names(url)).isFalse();
		}
		assertThatIllegalArgumentException().isThrownBy(() -> DatabaseBackend.fromUrl(url))
			.withMessageContaining("spring.datasource.url must be");
	}

}
