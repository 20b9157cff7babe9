package dev.vigil.hosts.history;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import dev.vigil.database.ReadPoolJdbc;
import dev.vigil.hosts.HostsProperties;
import dev.vigil.hosts.registry.ChangeFeed;
import dev.vigil.hosts.registry.HostRepository;
import dev.vigil.hosts.registry.HostWrites;
import dev.vigil.hosts.registry.HostsRegistry;
import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.PeriodicTask;
import dev.vigil.support.SchedulerGroup;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Each entry's history: its reads, retention on a timer, compaction, and its counts in the {@code db} details. */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

	@Bean
	HistoryRepository historyRepository(ReadPoolJdbc jdbc) {
		return new HistoryRepository(jdbc.template());
	}

	@Bean
	HostHistory hostHistory(HostsRegistry registry, HostWrites writes, HistoryRepository history,
			HostRepository repository, HostsProperties properties) {
		return new HostHistory(registry, writes, history, repository, properties.history(), Clock.systemUTC());
	}

	@Bean
	PeriodicTask hostHistoryRetention(HostHistory history, HostsProperties properties) {
		return new PeriodicTask("vigil-hosts-history", SchedulerGroup.SHARED, properties.history().pruneInterval(), history::prune,
				LifecyclePhases.HOSTS_FILE);
	}

	@Bean
	HistoryInventory historyInventory(HistoryRepository store, ChangeFeed feed, HostHistory history,
			HostsProperties properties, MeterRegistry meters) {
		return new HistoryInventory(store, feed, history, properties.history(), meters);
	}

	/** Counts the history off the {@code db} check, which only reads the last count. */
	@Bean
	PeriodicTask hostHistoryCount(HistoryInventory inventory, HostsProperties properties) {
		return new PeriodicTask("vigil-hosts-history-count", SchedulerGroup.SHARED, properties.history().summaryInterval(), inventory::recount,
				LifecyclePhases.HOSTS_FILE);
	}

}
