package dev.vigil.support;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's stop ends the workers of one phase at once: two workers whose threads each
 * finish only once both have been told to stop end together, where one after the other would
 * leave the first waiting out its whole bound.
 */
class WorkersStopInParallelTest {

	@Test
	void workersOfAPhaseStopTogether() {
		CountDownLatch bothStopping = new CountDownLatch(2);
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean("first", Worker.class, () -> new Worker("first", bothStopping));
		context.registerBean("second", Worker.class, () -> new Worker("second", bothStopping));
		context.refresh();
		Worker first = context.getBean("first", Worker.class);
		Worker second = context.getBean("second", Worker.class);
		long started = System.nanoTime();
		context.close();
		long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertThat(bothStopping.getCount()).isZero();
		assertThat(first.finished).as("the first worker's thread finished its work").isTrue();
		assertThat(second.finished).isTrue();
		assertThat(tookMillis).as("well within one worker's bound (%s)", Worker.BOUND).isLessThan(Worker.BOUND.toMillis());
	}

	/** A worker whose thread, told to stop, finishes once the other worker has been told too. */
	static final class Worker extends BackgroundWorker {

		static final Duration BOUND = Duration.ofSeconds(10);

		private final CountDownLatch bothStopping;

		private final CountDownLatch stopping = new CountDownLatch(1);

		private volatile boolean finished;

		Worker(String name, CountDownLatch bothStopping) {
			super(name, 0);
			this.bothStopping = bothStopping;
		}

		@Override
		protected void onStart() {
			threads("test-" + getClass().getSimpleName() + "-", Ending.finish(BOUND)).newThread(() -> {
				try {
					this.stopping.await();
					this.bothStopping.countDown();
					this.finished = this.bothStopping.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}).start();
		}

		@Override
		protected void onStopping() {
			this.stopping.countDown();
		}

	}

}
