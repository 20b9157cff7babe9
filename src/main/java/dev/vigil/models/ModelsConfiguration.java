package dev.vigil.models;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.health.BackgroundHealthIndicator;
import dev.vigil.health.HealthCheckScheduler;
import dev.vigil.lifecycle.ShutdownCoordinator;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model registry, the request queue and its workers, the inference API, and the
 * {@code modelQueue} component.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModelsProperties.class)
class ModelsConfiguration {

	@Bean(destroyMethod = "close")
	ModelRegistry modelRegistry(ModelsProperties properties, MeterRegistry meters) {
		return new ModelRegistry(properties, meters, Clock.systemUTC());
	}

	@Bean
	ModelCatalog modelCatalog(ModelRegistry registry) {
		return new ModelCatalog(registry);
	}

	@Bean
	InferenceQueue inferenceQueue(ModelsProperties properties) {
		return new InferenceQueue(properties.queue().maxDepth());
	}

	@Bean
	InferenceWorkers inferenceWorkers(ModelsProperties properties, InferenceQueue queue, ModelRegistry registry,
			ObservationRegistry observations) {
		return new InferenceWorkers(properties.workerCount(), queue, registry::environment, observations);
	}

	@Bean
	StuckWorkerWatchdog stuckWorkerWatchdog(ModelsProperties properties, InferenceWorkers workers,
			ApplicationEventPublisher events) {
		return new StuckWorkerWatchdog(workers, properties.stuckAfter(), events);
	}

	@Bean
	InferenceService inferenceService(ModelsProperties properties, ModelRegistry registry, InferenceQueue queue,
			InferenceWorkers workers, StuckWorkerWatchdog watchdog, ShutdownCoordinator coordinator,
			MeterRegistry meters, ObservationRegistry observations) {
		return new InferenceService(registry, queue, workers, watchdog,
				new InputValidator(properties.maxTensorElements()), coordinator, meters, observations);
	}

	@Bean
	BackgroundHealthIndicator modelQueueHealthIndicator(HealthCheckScheduler scheduler, ModelsProperties properties,
			ModelRegistry registry, InferenceQueue queue, InferenceWorkers workers, StuckWorkerWatchdog watchdog,
			ShutdownCoordinator coordinator) {
		return scheduler.schedule(ModelQueueHealthDetails.COMPONENT,
				new ModelQueueHealthCheck(properties, registry, queue, workers, watchdog, coordinator));
	}

	@Bean
	InferenceApi inferenceApi(InferenceService inference, ModelRegistry registry) {
		return new InferenceApi(inference, registry);
	}

	@Bean
	InferenceGrpcService inferenceGrpcService(InferenceService inference, ModelRegistry registry) {
		return new InferenceGrpcService(inference, registry);
	}

}
