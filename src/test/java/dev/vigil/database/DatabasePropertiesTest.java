package dev.vigil.database;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The database settings: their defaults, and a read pool of no connection stopping startup with the field named. */
class DatabasePropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void defaultsNeedNoConfiguration() {
		this.runner.run((context) -> {
			DatabaseProperties.Sqlite sqlite = context.getBean(DatabaseProperties.class).sqlite();
			assertThat(sqlite.readConnections()).isEqualTo(4);
			assertThat(sqlite.synchronous()).isEqualTo(DatabaseProperties.Synchronous.NORMAL);
		});
	}

	@Test
	void aReadPoolOfNoConnectionIsRefused() {
		this.runner.withPropertyValues("vigil.database.sqlite.read-connections=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("on field 'sqlite.readConnections'");
		});
	}

	@Test
	void anUnknownSynchronousLevelIsRefused() {
		this.runner.withPropertyValues("vigil.database.sqlite.synchronous=OFF").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("vigil.database.sqlite.synchronous");
		});
	}

	@EnableConfigurationProperties(DatabaseProperties.class)
	static class PropertiesOnly {

	}

}
