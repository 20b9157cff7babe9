package dev.vigil.support;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Repeated work runs on Spring's scheduling as the application runs it: each group on its own
 * scheduler, listed where the scheduled tasks endpoint looks, and still running while the context
 * closes until its worker's phase stops, so health results stay fresh through a drain.
 */
class SpringSchedulingTest {

	@Test
	void eachGroupRunsOnItsOwnSchedulerAndIsListed() {
		try (AnnotationConfigApplicationContext context = context()) {
			Recorder shared = context.getBean("shared", Recorder.class);
			Recorder isolated = context.getBean("isolated", Recorder.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> shared.runs.get() > 0 && isolated.runs.get() > 0);
			assertThat(shared.threads).allSatisfy((name) -> assertThat(name).startsWith("test-shared-"));
			assertThat(isolated.threads).allSatisfy((name) -> assertThat(name).startsWith("vigil-health-timer-"));
			assertThat(context.getBeansOfType(ScheduledTaskHolder.class).values()
				.stream()
				.flatMap((holder) -> holder.getScheduledTasks().stream())
				.map(ScheduledTask::toString)).contains("test-shared", "test-isolated");
		}
	}

	@Test
	void repeatedWorkRunsWhileTheContextClosesUntilItsWorkerStops() {
		AnnotationConfigApplicationContext context = context();
		Recorder isolated = context.getBean("isolated", Recorder.class);
		Drain drain = context.getBean(Drain.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> isolated.runs.get() > 0);
		context.close();
		assertThat(drain.sawRunsWhileDraining).as("runs after the context started closing, before the worker stopped")
			.isTrue();
		int afterStop = isolated.runs.get();
		await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> isolated.runs.get() == afterStop);
	}

	private static AnnotationConfigApplicationContext context() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.register(SchedulingConfiguration.class);
		context.registerBean(ThreadPoolTaskSchedulerBuilder.class,
				() -> new ThreadPoolTaskSchedulerBuilder().poolSize(2).threadNamePrefix("test-shared-"));
		context.registerBean("shared", Recorder.class, () -> new Recorder(SchedulerGroup.SHARED));
		context.registerBean("isolated", Recorder.class, () -> new Recorder(SchedulerGroup.ISOLATED));
		context.registerBean(Drain.class, () -> new Drain(context));
		context.refresh();
		return context;
	}

	/** Repeats a task that records its thread, every 10 ms. */
	static final class Recorder extends BackgroundWorker {

		final AtomicInteger runs = new AtomicInteger();

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		private final SchedulerGroup group;

		Recorder(SchedulerGroup group) {
			super("test-" + group.name().toLowerCase(Locale.ROOT), LifecyclePhases.HEALTH_CHECKS);
			this.group = group;
		}

		@Override
		protected void onStart() {
			withFixedDelay(this.group, name(), () -> {
				this.threads.add(Thread.currentThread().getName());
				this.runs.incrementAndGet();
			}, Duration.ZERO, Duration.ofMillis(10));
		}

	}

	/** Stops before the workers, as the servers' drain does, and looks whether their work still runs meanwhile. */
	static final class Drain implements SmartLifecycle {

		private final AnnotationConfigApplicationContext context;

		private final AtomicBoolean closing = new AtomicBoolean();

		private volatile boolean running;

		volatile boolean sawRunsWhileDraining;

		Drain(AnnotationConfigApplicationContext context) {
			this.context = context;
			context.addApplicationListener((ContextClosedEvent event) -> this.closing.set(true));
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			Recorder isolated = this.context.getBean("isolated", Recorder.class);
			int before = isolated.runs.get();
			this.sawRunsWhileDraining = this.closing.get() && awaitMore(isolated, before);
			this.running = false;
		}

		private static boolean awaitMore(Recorder recorder, int before) {
			try {
				await().atMost(Duration.ofSeconds(5)).until(() -> recorder.runs.get() >= before + 3);
				return true;
			}
			catch (ConditionTimeoutException ex) {
				return false;
			}
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return Integer.MAX_VALUE - 10;
		}

	}

}
