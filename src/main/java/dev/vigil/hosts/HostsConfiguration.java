package dev.vigil.hosts;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;

import dev.vigil.database.DatabaseBackend;
import dev.vigil.database.DatabaseFailureSignal;
import dev.vigil.database.DedicatedConnections;
import dev.vigil.database.ReadPoolJdbc;
import dev.vigil.health.BackgroundHealthIndicator;
import dev.vigil.health.HealthCheckScheduler;
import dev.vigil.hosts.feed.ChangeFeed;
import dev.vigil.hosts.feed.ChangeLog;
import dev.vigil.hosts.feed.PostgresChangeListener;
import dev.vigil.hosts.file.HostsFileHealthCheck;
import dev.vigil.hosts.file.HostsFileRenderer;
import dev.vigil.hosts.registry.HostsImporter;
import dev.vigil.hosts.registry.HostsRegistry;
import dev.vigil.hosts.rpc.FollowerThread;
import dev.vigil.hosts.rpc.SharedSnapshots;
import dev.vigil.hosts.rpc.WatchHostsMethod;
import dev.vigil.hosts.sinks.SinkRegistry;
import dev.vigil.hosts.sinks.SinksHealthCheck;
import dev.vigil.hosts.sinks.SinksHealthDetails;
import dev.vigil.hosts.snapshots.SnapshotInventory;
import dev.vigil.hosts.snapshots.SnapshotRepository;
import dev.vigil.hosts.snapshots.Snapshots;
import dev.vigil.hosts.store.HostRepository;
import dev.vigil.hosts.store.WriteLocks;
import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.PeriodicTask;
import dev.vigil.support.SecretRedactor;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hosts registry: storage, the write locks, the change log and feed (with PostgreSQL's
 * listener), the rendered hosts file and its {@code hostsFile} component, WatchHosts consumers and
 * their {@code sinks} component, snapshots (in the {@code db} details), and the RPCs
 * ({@link HostsApi}, {@link SnapshotsApi}) that the gRPC door binds.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HostsProperties.class)
@Import(HostsConfiguration.SettingDependentBeans.class)
class HostsConfiguration {

	/**
	 * The beans that exist only with some settings, decided at each start, in Spring AOT mode too
	 * (decision 0009). PostgreSQL's listener and its thread exist only on PostgreSQL;
	 * scheduled snapshots only when an interval is set.
	 */
	static final class SettingDependentBeans implements BeanRegistrar {

		@Override
		public void register(BeanRegistry registry, Environment environment) {
			if (environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:")) {
				registry.registerBean("postgresChangeListener", PostgresChangeListener.class,
						(spec) -> spec.supplier((context) -> new PostgresChangeListener(
								context.bean(DedicatedConnections.class), context.bean(ChangeFeed.class),
								context.bean(SecretRedactor.class))));
				// Listens without a pause between waits: each run waits for notifications itself.
				registry.registerBean("postgresChangeListening", PeriodicTask.class,
						(spec) -> spec.supplier((context) -> new PeriodicTask("vigil-hosts-listen-", Duration.ofMillis(1),
								context.bean(PostgresChangeListener.class), LifecyclePhases.HOSTS_FILE)));
			}
			if (environment.containsProperty("vigil.hosts.snapshots.schedule-interval")) {
				registry.registerBean("scheduledSnapshots", PeriodicTask.class,
						(spec) -> spec.supplier((context) -> new PeriodicTask("vigil-hosts-snapshots-",
								context.bean(HostsProperties.class).snapshots().scheduleInterval(),
								context.bean(Snapshots.class)::takeScheduled, LifecyclePhases.HOSTS_FILE)));
			}
		}

	}

	@Bean
	HostRepository hostRepository(ReadPoolJdbc jdbc) {
		return new HostRepository(jdbc.template());
	}

	@Bean
	ChangeLog changeLog(ReadPoolJdbc jdbc, DatabaseBackend backend, HostsProperties properties) {
		return new ChangeLog(jdbc.template(), backend, Clock.systemUTC(), properties.changes().retained());
	}

	/** Starts at the newest change (the read pool is made after the migrations), or at none if the database is away. */
	@Bean
	ChangeFeed changeFeed(ChangeLog log) {
		ChangeFeed feed = new ChangeFeed(log, Clock.systemUTC());
		feed.check();
		return feed;
	}

	/** The timed check: catches what no notification announced (a second SQLite process, a lost notification). */
	@Bean
	PeriodicTask changeFeedCheck(ChangeFeed feed, HostsProperties properties) {
		return new PeriodicTask("vigil-hosts-feed-", properties.changes().checkInterval(), feed::check,
				LifecyclePhases.HOSTS_FILE);
	}

	@Bean
	HostsFileHealthCheck hostsFileHealthCheck(HostsProperties properties, ChangeFeed feed,
			ObjectProvider<PostgresChangeListener> listener) {
		BooleanSupplier listening = () -> listener.getIfAvailable() != null && listener.getIfAvailable().listening();
		return new HostsFileHealthCheck(properties.file().path(), feed, listening, Clock.systemUTC());
	}

	@Bean
	BackgroundHealthIndicator hostsFileHealthIndicator(HealthCheckScheduler scheduler, HostsFileHealthCheck status) {
		return scheduler.schedule(HostsFileHealthCheck.COMPONENT, status);
	}

	@Bean
	HostsFileRenderer hostsFileRenderer(HostRepository repository, ChangeLog changes, ChangeFeed feed,
			HostsProperties properties, HostsFileHealthCheck status, ApplicationEventPublisher events,
			MeterRegistry meters) {
		HostsFileRenderer renderer = new HostsFileRenderer(repository, changes, properties.file(), properties.pageSize(), status, events, meters,
				Clock.systemUTC());
		feed.subscribe(renderer::requestRender);
		return renderer;
	}

	@Bean
	SinkRegistry sinkRegistry(ChangeFeed feed, HostsProperties properties, MeterRegistry meters) {
		return new SinkRegistry(feed, properties.sinks(), meters, Clock.systemUTC());
	}

	@Bean
	BackgroundHealthIndicator sinksHealthIndicator(HealthCheckScheduler scheduler, SinkRegistry sinks, ChangeFeed feed) {
		return scheduler.schedule(SinksHealthDetails.COMPONENT, new SinksHealthCheck(sinks, feed));
	}

	@Bean
	HostsRegistry hostsRegistry(HostRepository repository, TransactionTemplate transactions, ChangeLog changes,
			ReadPoolJdbc jdbc, DatabaseBackend backend, ChangeFeed feed, DatabaseFailureSignal failures) {
		return new HostsRegistry(repository, transactions, changes, new WriteLocks(jdbc.template(), backend), feed, failures,
				Clock.systemUTC());
	}

	@Bean
	Snapshots snapshots(HostsRegistry registry, ReadPoolJdbc jdbc, ChangeLog changes, HostsProperties properties,
			MeterRegistry meters) {
		return new Snapshots(registry, new SnapshotRepository(jdbc.template()), changes, properties.snapshots(), meters);
	}

	@Bean
	SnapshotInventory snapshotInventory(MeterRegistry meters) {
		return new SnapshotInventory(meters, Clock.systemUTC());
	}

	@Bean
	SnapshotsApi snapshotsApi(Snapshots snapshots, HostsProperties properties) {
		return new SnapshotsApi(snapshots, properties.pageSize());
	}

	@Bean
	FollowerThread followerThread() {
		return new FollowerThread();
	}

	@Bean
	HostsApi hostsApi(HostsRegistry registry, HostRepository repository, HostsProperties properties, ChangeFeed feed,
			SinkRegistry sinks, FollowerThread followerThread, MeterRegistry meters) {
		HostsProperties.Changes changes = properties.changes();
		return new HostsApi(registry, new HostsImporter(registry, repository), properties,
				new WatchHostsMethod(new SharedSnapshots(registry, properties.pageSize(), changes.followerSharedSnapshots(), meters),
						registry, properties.pageSize(), feed, sinks, followerThread, changes.followerCoalesceDelay(),
						Clock.systemUTC()));
	}

}
