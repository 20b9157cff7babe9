package dev.vigil.database;

import org.junit.jupiter.api.Test;

import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing reads the database before its migrations have run: the change feed reads through the
 * read pool when it is made, and on a fresh database its first read used to come before Flyway's
 * and fail on a table not there yet.
 */
@VigilTest
class ReadsAfterMigrationsTest {

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void theReadPoolIsMadeAfterTheMigrations() {
		ConfigurableListableBeanFactory beans = this.context.getBeanFactory();
		String[] migrations = beans.getBeanNamesForType(FlywayMigrationInitializer.class);
		String[] reads = beans.getBeanNamesForType(ReadPoolJdbc.class);
		assertThat(migrations).hasSize(1);
		assertThat(reads).hasSize(1);
		assertThat(beans.getBeanDefinition(reads[0]).getDependsOn()).contains(migrations[0]);
	}

}
