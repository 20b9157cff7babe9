package dev.vigil.health;

import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;

import dev.vigil.support.RunningServer;
import dev.vigil.support.SchedulerGroup;
import dev.vigil.support.SecretRedactor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.application.DiskSpaceHealthIndicator;
import org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthIndicatorProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.scheduling.TaskScheduler;

/**
 * The health engine: background scheduler, evaluator, metrics and server information, and Spring
 * Boot's disk space check moved to the background.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthProperties.class)
class HealthConfiguration {

	@Bean
	ApplicationAvailabilityBean applicationAvailability() {
		return new RecordedFirstApplicationAvailability();
	}

	@Bean
	SecretRedactor secretRedactor(ConfigurableEnvironment environment) {
		return SecretRedactor.from(environment);
	}

	@Bean
	HealthCheckScheduler healthCheckScheduler(HealthProperties properties,
			@Qualifier(SchedulerGroup.ISOLATED_BEAN) TaskScheduler timers, ApplicationEventPublisher events,
			MeterRegistry meters, SecretRedactor redactor) {
		return new HealthCheckScheduler(properties, timers, events, meters, redactor);
	}

	/**
	 * Spring Boot's disk space indicator asks the filesystem on every call; as a background
	 * component it answers the Health RPC and Prometheus scrapes from its latest result instead.
	 */
	@Bean
	@ConditionalOnEnabledHealthIndicator("diskspace")
	BackgroundHealthIndicator diskSpaceHealthIndicator(HealthCheckScheduler scheduler,
			ObjectProvider<DiskSpaceHealthIndicatorProperties> properties) {
		DiskSpaceHealthIndicatorProperties disk = properties.getIfAvailable(DiskSpaceHealthIndicatorProperties::new);
		DiskSpaceHealthIndicator indicator = new DiskSpaceHealthIndicator(disk.getPath(), disk.getThreshold());
		return scheduler.schedule("diskSpace", indicator::health);
	}

	@Bean
	HealthEvaluator healthEvaluator(HealthContributorRegistry registry, HealthEndpointGroups groups) {
		return new HealthEvaluator(registry, groups);
	}

	/** Components no check runs (availability states, {@code ping}, {@code ssl}) reach it at the engine's sweep. */
	@Bean
	HealthTimeline healthTimeline(HealthProperties properties, HealthEvaluator evaluator, MeterRegistry meters,
			HealthCheckScheduler scheduler) {
		HealthTimeline timeline = new HealthTimeline(properties.timeline().capacity(), evaluator, meters,
				Clock.systemUTC(), System::nanoTime);
		scheduler.onSweep(timeline::sweep);
		return timeline;
	}

	@Bean
	HealthMetrics healthMetrics(HealthEvaluator evaluator, HealthContributorRegistry registry,
			HealthCheckScheduler scheduler) {
		return new HealthMetrics(evaluator, registry, scheduler);
	}

	@Bean
	RunningServer runningServer(ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git) {
		return new RunningServer(build.getIfAvailable(), git.getIfAvailable(), Instant.now(), Instant::now);
	}

}
