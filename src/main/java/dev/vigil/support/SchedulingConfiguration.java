package dev.vigil.support;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Spring's scheduling for every background worker's repeated work ({@link BackgroundWorker}): the
 * shared {@code taskScheduler}, sized by {@code spring.task.scheduling.*}, and the health engine's
 * isolated one ({@link SchedulerGroup}). They are the only scheduled executors Vigil makes.
 * <p>
 * Both take tasks after the context starts closing: the health checks and what feeds them keep
 * running through the drain, and each worker cancels its own tasks when its phase stops. Both start
 * before any worker and stop after them, so a test context that is paused and resumed finds them
 * running.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {

	/** Primary: the one a component gets when it asks for a {@code TaskScheduler}. */
	@Bean
	@Primary
	ThreadPoolTaskScheduler taskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		return lastToStop(builder.build());
	}

	/** One thread: what runs on it only hands work on (a check to its runner) or reads memory. */
	@Bean(SchedulerGroup.ISOLATED_BEAN)
	ThreadPoolTaskScheduler vigilIsolatedTaskScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("vigil-health-timer-");
		return lastToStop(scheduler);
	}

	private static ThreadPoolTaskScheduler lastToStop(ThreadPoolTaskScheduler scheduler) {
		// A stuck task must never keep the JVM from exiting.
		scheduler.setDaemon(true);
		scheduler.setAcceptTasksAfterContextClose(true);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.setPhase(LifecyclePhases.SCHEDULERS);
		return scheduler;
	}

}
