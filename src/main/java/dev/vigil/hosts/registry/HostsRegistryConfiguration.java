package dev.vigil.hosts.registry;

import java.time.Clock;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.database.DatabaseBackend;
import dev.vigil.database.DatabaseFailureSignal;
import dev.vigil.database.DatabaseOutageGate;
import dev.vigil.database.DedicatedConnections;
import dev.vigil.database.ReadPoolJdbc;
import dev.vigil.database.WritePath;
import dev.vigil.hosts.HostsProperties;
import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.PeriodicTask;
import dev.vigil.support.SchedulerGroup;
import dev.vigil.support.SecretRedactor;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * The registry: storage, its reads and its write path with the write locks and the history's
 * capture, the change log and feed (with PostgreSQL's listener).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HostsProperties.class)
@Import(HostsRegistryConfiguration.SettingDependentBeans.class)
class HostsRegistryConfiguration {

	/**
	 * The beans that exist only with some settings, decided at each start, in Spring AOT mode too
	 * (decision 0009): PostgreSQL's listener and its thread exist only on PostgreSQL.
	 */
	static final class SettingDependentBeans implements BeanRegistrar {

		@Override
		public void register(BeanRegistry registry, Environment environment) {
			if (DatabaseBackend.POSTGRESQL.names(environment.getProperty("spring.datasource.url"))) {
				registry.registerBean("postgresChangeListener", PostgresChangeListener.class,
						(spec) -> spec.supplier((context) -> new PostgresChangeListener(
								context.bean(DedicatedConnections.class), context.bean(ChangeFeed.class),
								context.bean(SecretRedactor.class))));
			}
		}

	}

	@Bean
	HostRepository hostRepository(ReadPoolJdbc jdbc) {
		return new HostRepository(jdbc.template());
	}

	@Bean
	ChangeLog changeLog(ReadPoolJdbc jdbc, DatabaseBackend backend, HostsProperties properties) {
		return new ChangeLog(jdbc.template(), backend, new HistoryCapture(jdbc.template()), Clock.systemUTC(),
				properties.changes().retained());
	}

	/**
	 * Starts at the newest change (the read pool is made after the migrations), or at none if the
	 * database is away. It is listening while PostgreSQL's listener has its connection open.
	 */
	@Bean
	ChangeFeed changeFeed(ChangeLog log, ObjectProvider<PostgresChangeListener> listener) {
		ChangeFeed feed = new ChangeFeed(log, Clock.systemUTC(),
				() -> listener.getIfAvailable() != null && listener.getIfAvailable().listening());
		feed.check();
		return feed;
	}

	/** The timed check: catches what no notification announced (a second SQLite process, a lost notification). */
	@Bean
	PeriodicTask changeFeedCheck(ChangeFeed feed, HostsProperties properties) {
		return new PeriodicTask("vigil-hosts-feed", SchedulerGroup.SHARED, properties.changes().checkInterval(), feed::check,
				LifecyclePhases.HOSTS_FILE);
	}

	/** How reads and writes reach the database: its gate, its failure signal. */
	@Bean
	DatabaseCalls databaseCalls(DatabaseFailureSignal failures, ObjectProvider<DatabaseOutageGate> gate) {
		// The gate reads the db component, whose details the registry's history adds to: found at the first call.
		Supplier<DatabaseOutageGate> outages = SingletonSupplier.of(gate::getObject);
		return new DatabaseCalls(failures::report, () -> outages.get().admit());
	}

	@Bean
	HostsRegistry hostsRegistry(HostRepository repository, ChangeLog changes, DatabaseCalls database,
			HostsProperties properties, ReadPoolJdbc jdbc) {
		return new HostsRegistry(repository, changes, database, properties.limits(), jdbc::inOneSnapshot);
	}

	@Bean
	HostWrites hostWrites(HostRepository repository, TransactionTemplate transactions, ChangeLog changes,
			ReadPoolJdbc jdbc, DatabaseBackend backend, ChangeFeed feed, DatabaseCalls database,
			WritePath writes, ObservationRegistry observations, MeterRegistry meters) {
		return new HostWrites(repository, transactions, changes, writes, new BulkLocks(jdbc.template(), backend),
				feed, database, Clock.systemUTC(), observations, meters);
	}

}
