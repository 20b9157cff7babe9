package dev.vigil.hosts.snapshots;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import dev.vigil.database.ReadPoolJdbc;
import dev.vigil.hosts.HostsProperties;
import dev.vigil.hosts.registry.ChangeLog;
import dev.vigil.hosts.registry.HostWrites;
import dev.vigil.hosts.registry.HostsRegistry;
import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.PeriodicTask;
import dev.vigil.support.SchedulerGroup;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/** Snapshots: taking, listing, deleting and rolling back, retention, and their counts in the {@code db} details. */
@Configuration(proxyBeanMethods = false)
@Import(SnapshotsConfiguration.ScheduledSnapshots.class)
class SnapshotsConfiguration {

	/**
	 * Scheduled snapshots exist only when an interval is set, decided at each start, in Spring AOT
	 * mode too (decision 0009).
	 */
	static final class ScheduledSnapshots implements BeanRegistrar {

		@Override
		public void register(BeanRegistry registry, Environment environment) {
			if (environment.containsProperty("vigil.hosts.snapshots.schedule-interval")) {
				registry.registerBean("scheduledSnapshots", PeriodicTask.class,
						(spec) -> spec.supplier((context) -> new PeriodicTask("vigil-hosts-snapshots", SchedulerGroup.SHARED,
								context.bean(HostsProperties.class).snapshots().scheduleInterval(),
								context.bean(Snapshots.class)::takeScheduled, LifecyclePhases.HOSTS_FILE)));
			}
		}

	}

	@Bean
	Snapshots snapshots(HostsRegistry registry, HostWrites writes, ReadPoolJdbc jdbc, ChangeLog changes,
			HostsProperties properties, MeterRegistry meters) {
		return new Snapshots(registry, writes, new SnapshotRepository(jdbc.template()), changes, properties.snapshots(),
				meters);
	}

	@Bean
	SnapshotInventory snapshotInventory(MeterRegistry meters) {
		return new SnapshotInventory(meters, Clock.systemUTC());
	}

}
