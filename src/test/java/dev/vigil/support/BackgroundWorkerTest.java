package dev.vigil.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.CapturedLog;
import dev.vigil.testing.TestScheduling;

import org.springframework.scheduling.config.TaskExecutionOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The workers' one lifecycle: start and stop once each, threads named and ended as their ending
 * says, a stop bounded in time that names what it left running, and a failed start that ends what
 * it had started.
 */
class BackgroundWorkerTest {

	private CapturedLog logged;

	private final TestScheduling scheduling = new TestScheduling();

	/** Released after each test, so no thread a test made is left waiting. */
	private final CountDownLatch release = new CountDownLatch(1);

	@BeforeEach
	void captureLog() {
		this.logged = CapturedLog.only(BackgroundWorker.class);
	}

	@AfterEach
	void restoreLog() {
		this.release.countDown();
		this.logged.close();
		this.scheduling.close();
	}

	@Test
	void startsAndStopsOnceEachInItsPhase() {
		Worker worker = new Worker((self) -> self.runOn(self.singleThread("test-once-", BackgroundWorker.Ending.finish(
				Duration.ofSeconds(5))), () -> {
				}));
		assertThat(worker.getPhase()).isEqualTo(42);
		worker.start();
		worker.start();
		assertThat(worker.isRunning()).isTrue();
		worker.stop();
		worker.stop();
		assertThat(worker.isRunning()).isFalse();
		assertThat(worker.calls).containsExactly("start", "stopping", "stopped");
		assertThat(worker.threadNames).singleElement().asString().startsWith("test-once-");
		worker.start();
		worker.stop();
		assertThat(worker.calls).containsExactly("start", "stopping", "stopped", "start", "stopping", "stopped");
		assertThat(this.logged.events()).isEmpty();
	}

	@Test
	void repeatedWorkIsListedByNameWithItsRunsUntilTheWorkerStops() throws Exception {
		CountDownLatch ranTwice = new CountDownLatch(2);
		Worker worker = new Worker((self) -> {
			self.withFixedDelay(SchedulerGroup.SHARED, "test-delayed", ranTwice::countDown, Duration.ZERO,
					Duration.ofMillis(10));
			self.atFixedRate(SchedulerGroup.SHARED, "test-rated", () -> {
			}, Duration.ofHours(1), Duration.ofHours(1));
			self.onTrigger(SchedulerGroup.SHARED, "test-triggered", () -> {
			}, (context) -> context.getClock().instant().plus(Duration.ofHours(2)));
		});
		this.scheduling.configure(worker).start();
		assertThat(ranTwice.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(worker.getScheduledTasks()).extracting((task) -> task.getTask().getRunnable().toString())
			.containsExactlyInAnyOrder("test-delayed", "test-rated", "test-triggered");
		var delayed = worker.getScheduledTasks()
			.stream()
			.filter((task) -> task.toString().equals("test-delayed"))
			.findFirst()
			.orElseThrow();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> delayed.getTask().getLastExecutionOutcome().status() == TaskExecutionOutcome.Status.SUCCESS);
		var rated = worker.getScheduledTasks()
			.stream()
			.filter((task) -> task.toString().equals("test-rated"))
			.findFirst()
			.orElseThrow();
		assertThat(rated.nextExecution()).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
		assertThat(rated.getTask().getLastExecutionOutcome().status()).isEqualTo(TaskExecutionOutcome.Status.NONE);
		worker.stop();
		assertThat(worker.getScheduledTasks()).isEmpty();
	}

	@Test
	void repeatedWorkWaitsForSpringsRegistrarThenStarts() throws Exception {
		CountDownLatch ran = new CountDownLatch(1);
		Worker worker = new Worker((self) -> self.withFixedDelay(SchedulerGroup.SHARED, "test-waiting", ran::countDown,
				Duration.ZERO, Duration.ofMillis(10)));
		worker.start();
		assertThat(ran.await(200, TimeUnit.MILLISECONDS)).isFalse();
		assertThat(worker.getScheduledTasks()).isEmpty();
		this.scheduling.configure(worker);
		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(worker.getScheduledTasks()).hasSize(1);
		worker.stop();
	}

	@Test
	void aStopInterruptsARepeatedRunAndNamesOneThatIgnoresIt() throws Exception {
		CountDownLatch running = new CountDownLatch(2);
		AtomicInteger interrupted = new AtomicInteger();
		Worker worker = new Worker((self) -> {
			self.withFixedDelay(SchedulerGroup.SHARED, "test-obeys", () -> {
				running.countDown();
				try {
					this.release.await();
				}
				catch (InterruptedException ex) {
					interrupted.incrementAndGet();
				}
			}, Duration.ZERO, Duration.ofHours(1));
			self.withFixedDelay(SchedulerGroup.SHARED, "test-ignores", () -> {
				running.countDown();
				awaitUninterruptibly(this.release);
			}, Duration.ZERO, Duration.ofHours(1));
		});
		this.scheduling.configure(worker).start();
		assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
		assertStopInterruptsOneAndNamesTheOther(worker, interrupted, "left=test-ignores$");
	}

	@Test
	void aStopLetsATaskFinishWithinItsBound() throws Exception {
		CountDownLatch running = new CountDownLatch(1);
		AtomicInteger finished = new AtomicInteger();
		Worker worker = new Worker((self) -> self.runOn(
				self.singleThread("test-finish-", BackgroundWorker.Ending.finish(Duration.ofSeconds(10))), () -> {
					running.countDown();
					awaitUninterruptibly(this.release);
					finished.incrementAndGet();
				}));
		worker.start();
		assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(worker::stop);
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !stopping.isDone());
		this.release.countDown();
		stopping.get(5, TimeUnit.SECONDS);
		assertThat(finished).hasValue(1);
		assertThat(this.logged.events()).isEmpty();
	}

	@Test
	void aStopInterruptsWhatItShouldAndNamesWhatIgnoredIt() {
		CountDownLatch running = new CountDownLatch(2);
		AtomicInteger interrupted = new AtomicInteger();
		Worker worker = new Worker((self) -> {
			ExecutorService pool = self.cachedThreads("test-stuck-", BackgroundWorker.Ending.interrupt(Duration.ofMillis(100)));
			self.runOn(pool, () -> {
				running.countDown();
				try {
					new CountDownLatch(1).await();
				}
				catch (InterruptedException ex) {
					interrupted.incrementAndGet();
				}
			});
			self.runOn(pool, () -> {
				running.countDown();
				awaitUninterruptibly(this.release);
			});
		});
		worker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> running.getCount() == 0);
		assertStopInterruptsOneAndNamesTheOther(worker, interrupted, "left=test-stuck-\\d$");
		assertThat(worker.calls).containsExactly("start", "stopping", "stopped");
	}

	/** The stop is bounded, interrupted the one task that obeys, and names the one that ignored it. */
	private void assertStopInterruptsOneAndNamesTheOther(Worker worker, AtomicInteger interrupted, String left) {
		long started = System.nanoTime();
		worker.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(interrupted).hasValue(1);
		assertThat(this.logged.events()).singleElement()
			.extracting(ILoggingEvent::getFormattedMessage)
			.asString()
			.startsWith("worker.stop.incomplete worker=test ")
			.containsPattern(left);
	}

	@Test
	void anOverdueGroupGetsOneMorePushAndIsWaitedForAgain() {
		AtomicInteger pushed = new AtomicInteger();
		CountDownLatch running = new CountDownLatch(1);
		Worker worker = new Worker((self) -> self.runOn(self.singleThread("test-overdue-",
				BackgroundWorker.Ending.finish(Duration.ofMillis(50)).orElse(() -> {
					pushed.incrementAndGet();
					this.release.countDown();
				}, Duration.ofSeconds(5))), () -> {
					running.countDown();
					awaitUninterruptibly(this.release);
				}));
		worker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> running.getCount() == 0);
		worker.stop();
		assertThat(pushed).hasValue(1);
		assertThat(this.logged.events()).isEmpty();
	}

	@Test
	void loopsOfItsOwnEndWhenItStopsAndAreWaitedFor() {
		AtomicInteger rounds = new AtomicInteger();
		AtomicReference<Thread> loop = new AtomicReference<>();
		Worker worker = new Worker((self) -> {
			Thread thread = self.threads("test-loop-", BackgroundWorker.Ending.finish(Duration.ofSeconds(5)))
				.newThread(() -> {
					while (self.isRunning()) {
						rounds.incrementAndGet();
						Thread.onSpinWait();
					}
				});
			loop.set(thread);
			thread.start();
		});
		worker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() > 0);
		worker.stop();
		assertThat(loop.get().isAlive()).isFalse();
		assertThat(loop.get().getName()).isEqualTo("test-loop-1");
		assertThat(loop.get().isDaemon()).isTrue();
	}

	@Test
	void aFailedStartEndsWhatItHadStartedAndLeavesItStopped() {
		AtomicReference<ExecutorService> made = new AtomicReference<>();
		Worker worker = new Worker((self) -> {
			made.set(self.singleThread("test-failed-", BackgroundWorker.Ending.interrupt(Duration.ofSeconds(1))));
			throw new IllegalStateException("cannot bind");
		});
		assertThatIllegalStateException().isThrownBy(worker::start).withMessage("cannot bind");
		assertThat(worker.isRunning()).isFalse();
		assertThat(made.get().isTerminated()).isTrue();
		worker.stop();
		assertThat(worker.calls).containsExactly("start");
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		while (true) {
			try {
				latch.await();
				return;
			}
			catch (InterruptedException ex) {
				// Ignores the stop on purpose: the worker must name this thread and go on.
			}
		}
	}

	/** A worker whose start the test writes, recording its lifecycle calls and its threads' names. */
	static final class Worker extends BackgroundWorker {

		final List<String> calls = new CopyOnWriteArrayList<>();

		final List<String> threadNames = new CopyOnWriteArrayList<>();

		private final Consumer<Worker> onStart;

		Worker(Consumer<Worker> onStart) {
			super("test", 42);
			this.onStart = onStart;
		}

		void runOn(ExecutorService executor, Runnable task) {
			executor.execute(() -> {
				this.threadNames.add(Thread.currentThread().getName());
				task.run();
			});
		}

		@Override
		protected void onStart() {
			this.calls.add("start");
			this.onStart.accept(this);
		}

		@Override
		protected void onStopping() {
			this.calls.add("stopping");
		}

		@Override
		protected void onStopped() {
			this.calls.add("stopped");
		}

	}

}
