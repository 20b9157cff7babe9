package dev.vigil.database;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.vigil.health.BackgroundHealthIndicator;
import dev.vigil.health.CheckRefresh;
import dev.vigil.health.HealthCheckScheduler;
import dev.vigil.health.HealthTimeline;
import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.PeriodicTask;
import dev.vigil.support.SchedulerGroup;
import dev.vigil.support.SecretRedactor;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database the hosts registry and the ACME store share: the SQLite file's directory made
 * before the pool opens, the pools beside the application's (SQLite's readers, the check's own
 * connection), and the {@code db} health component. Its bean name makes it the {@code db}
 * component, which replaces Spring Boot's datasource indicator: that one queries the database on
 * every probe.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
@Import(DatabaseConfiguration.SettingDependentBeans.class)
class DatabaseConfiguration {

	/**
	 * The beans that exist only with some settings, decided at each start, in Spring AOT mode too
	 * (decision 0009): SQLite's checkpoints exist only on SQLite.
	 */
	static final class SettingDependentBeans implements BeanRegistrar {

		@Override
		public void register(BeanRegistry registry, Environment environment) {
			if (DatabaseBackend.SQLITE.names(environment.getProperty("spring.datasource.url"))) {
				// The second pass waits a tenth of the interval for the write turn: behind an import that
				// holds the turn for seconds, it leaves the tail to the next run rather than hold one of the
				// shared scheduler's threads for the whole interval.
				registry.registerBean("sqliteWalCheckpoint", SqliteWalCheckpoint.class,
						(spec) -> spec.supplier((context) -> new SqliteWalCheckpoint(context.bean(DedicatedConnections.class),
								context.bean(WritePath.class),
								context.bean(DatabaseProperties.class).sqlite().checkpointInterval().dividedBy(10),
								context.bean(MeterRegistry.class))));
				registry.registerBean("sqliteWalCheckpointTask", PeriodicTask.class,
						(spec) -> spec.supplier((context) -> new PeriodicTask("vigil-db-checkpoint", SchedulerGroup.SHARED,
								context.bean(DatabaseProperties.class).sqlite().checkpointInterval(), context.bean(SqliteWalCheckpoint.class),
								LifecyclePhases.HEALTH_CHECKS)));
			}
		}

	}

	@Bean
	static SqliteDataSourcePreparer sqliteDataSourcePreparer(Environment environment) {
		return new SqliteDataSourcePreparer(environment);
	}

	@Bean(destroyMethod = "close")
	ExtraPools extraPools(DataSourceProperties properties, DatabaseBackend backend, DatabaseProperties settings,
			HealthCheckScheduler scheduler) {
		return ExtraPools.open(properties, backend, settings.sqlite(), scheduler.timeoutOf(DatabaseHealthDetails.COMPONENT));
	}

	/**
	 * Made after the migrations, as Spring Boot orders its own JDBC beans: its users read at
	 * creation (the change feed's first check), and the read pool is no bean Boot would order.
	 */
	@Bean
	@DependsOnDatabaseInitialization
	ReadPoolJdbc readPoolJdbc(DataSource dataSource, ExtraPools pools) {
		return pools.reads(dataSource);
	}

	@Bean
	DatabaseBackend databaseBackend(DataSourceProperties properties) {
		return DatabaseBackend.fromUrl(properties.determineUrl());
	}

	@Bean
	DedicatedConnections dedicatedConnections(DataSourceProperties properties, DatabaseBackend backend) {
		return new DedicatedConnections(properties, backend);
	}

	@Bean
	DatabaseFailureSignal databaseFailureSignal(HealthCheckScheduler scheduler) {
		return new DatabaseFailureSignal(scheduler);
	}

	@Bean
	PeriodicTask connectionPoolWatch(DataSource dataSource, DatabaseFailureSignal signal) {
		return new PeriodicTask("vigil-db-pool-watch", SchedulerGroup.ISOLATED, ConnectionPoolWatch.EVERY,
				new ConnectionPoolWatch(dataSource, signal), LifecyclePhases.HEALTH_CHECKS);
	}

	@Bean
	WritePath writePath(DatabaseBackend backend, DataSource dataSource, DatabaseProperties properties,
			MeterRegistry meters) {
		WritePath writes = new WritePath(backend, new JdbcTemplate(dataSource), properties.writes().lockWait(),
				properties.writes().maxGroup(), System::nanoTime);
		Gauge.builder("vigil.database.writes.oldest.wait", writes,
				(path) -> path.oldestWait().map((stall) -> stall.waited().toNanos() / 1e9).orElse(0.0))
			.description("How long the oldest write under way has waited for the write lock or its commit")
			.baseUnit("seconds")
			.register(meters);
		return writes;
	}

	/** Runs the db check at once: when a write stall starts or ends, when a trial call gets through. */
	@Bean
	CheckRefresh dbCheckRefresh() {
		return new CheckRefresh();
	}

	@Bean
	WriteStallWatch writeStallWatch(WritePath writes, DatabaseProperties properties, CheckRefresh dbCheckRefresh) {
		return new WriteStallWatch(writes, properties.writes().stallAfter(), dbCheckRefresh);
	}

	@Bean
	DatabaseOutageGate databaseOutageGate(BackgroundHealthIndicator dbHealthIndicator, HealthTimeline timeline,
			CheckRefresh dbCheckRefresh) {
		return new DatabaseOutageGate(dbHealthIndicator, timeline, dbCheckRefresh);
	}

	@Bean
	PeriodicTask writeStallWatchTask(WriteStallWatch watch) {
		return new PeriodicTask("vigil-db-write-watch", SchedulerGroup.ISOLATED, WriteStallWatch.EVERY, watch, LifecyclePhases.HEALTH_CHECKS);
	}

	@Bean
	BackgroundHealthIndicator dbHealthIndicator(HealthCheckScheduler scheduler, DataSource dataSource,
			ExtraPools pools, DatabaseBackend backend, SecretRedactor redactor,
			ObjectProvider<DatabaseDetailsContributor> contributors, WriteStallWatch stalls, CheckRefresh dbCheckRefresh) {
		String name = DatabaseHealthDetails.COMPONENT;
		return scheduler.schedule(name, new DatabaseHealthCheck(pools.check(), dataSource, backend,
				scheduler.timeoutOf(name), redactor, contributors.orderedStream().toList(), stalls, dbCheckRefresh));
	}

}
