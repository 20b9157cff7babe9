package dev.vigil.models;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

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
	ModelRegistry modelRegistry(ModelsProperties properties, MeterRegistry meters, HealthCheckScheduler scheduler) {
		ModelRegistry registry = new ModelRegistry(properties, meters, Clock.systemUTC());
		registry.onChange(() -> scheduler.refresh(ModelQueueHealthDetails.COMPONENT));
		return registry;
	}

	@Bean
	ModelCatalog modelCatalog(ModelRegistry registry) {
		return new ModelCatalog(registry);
	}

	@Bean
	InferenceQueue inferenceQueue(ModelsProperties properties, HealthCheckScheduler scheduler) {
		InferenceQueue queue = new InferenceQueue(properties.queue().maxDepth());
		queue.onFullnessChange(() -> scheduler.refresh(ModelQueueHealthDetails.COMPONENT));
		return queue;
	}

	@Bean
	InferenceWorkers inferenceWorkers(ModelsProperties properties, InferenceQueue queue, ModelRegistry registry) {
		return new InferenceWorkers(properties.workerCount(), queue, registry.environment());
	}

	@Bean
	StuckWorkerWatchdog stuckWorkerWatchdog(ModelsProperties properties, InferenceWorkers workers,
			ApplicationEventPublisher events, HealthCheckScheduler scheduler) {
		return new StuckWorkerWatchdog(workers, properties.stuckAfter(), events, () -> scheduler.refresh(ModelQueueHealthDetails.COMPONENT));
	}

	@Bean
	InferenceService inferenceService(ModelsProperties properties, ModelRegistry registry, InferenceQueue queue,
			InferenceWorkers workers, StuckWorkerWatchdog watchdog, ShutdownCoordinator coordinator,
			MeterRegistry meters) {
		return new InferenceService(registry, queue, workers, watchdog,
				new InputValidator(properties.maxTensorElements()), coordinator, meters);
	}

	@Bean
	BackgroundHealthIndicator modelQueueHealthIndicator(HealthCheckScheduler scheduler, ModelsProperties properties,
			ModelRegistry registry, InferenceQueue queue, InferenceWorkers workers, StuckWorkerWatchdog watchdog,
			ShutdownCoordinator coordinator) {
		coordinator.onChange(() -> scheduler.refresh(ModelQueueHealthDetails.COMPONENT));
		return scheduler.schedule(ModelQueueHealthDetails.COMPONENT,
				new ModelQueueHealthCheck(properties, registry, queue, workers, watchdog, coordinator));
	}

	@Bean
	InferenceGrpcService inferenceGrpcService(InferenceService inference, ModelRegistry registry) {
		return new InferenceGrpcService(inference, registry);
	}

}
