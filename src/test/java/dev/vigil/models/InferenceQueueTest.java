package dev.vigil.models;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InferenceQueueTest {

	private final InferenceQueue queue = new InferenceQueue(5);

	@Test
	void higherPriorityFirstAndFirstComeFirstWithinAPriority() throws InterruptedException {
		List<String> offered = List.of("low-1", "normal-1", "critical-1", "low-2", "high-1");
		offered.forEach((id) -> assertThat(this.queue.offer(job(id))).isTrue());
		List<String> taken = new ArrayList<>();
		for (InferenceJob job = this.queue.poll(0); job != null; job = this.queue.poll(0)) {
			taken.add(job.requestId());
		}
		assertThat(taken).containsExactly("critical-1", "high-1", "normal-1", "low-1", "low-2");
		assertThat(this.queue.depth()).isZero();
	}

	@Test
	void aFullQueueRefusesAndTellsItsListenerOnEachTurn() throws InterruptedException {
		AtomicInteger turns = new AtomicInteger();
		this.queue.onFullnessChange(turns::incrementAndGet);
		for (int i = 0; i < 5; i++) {
			assertThat(this.queue.offer(job("normal-" + i))).isTrue();
		}
		assertThat(turns).hasValue(1);
		assertThat(this.queue.offer(job("critical-late"))).isFalse();
		assertThat(this.queue.depth()).isEqualTo(5);
		assertThat(this.queue.poll(0)).isNotNull();
		assertThat(turns).hasValue(2);
		assertThat(this.queue.offer(job("high-again"))).isTrue();
		assertThat(turns).hasValue(3);
	}

	@Test
	void aRemovedJobIsNeverTaken() throws InterruptedException {
		InferenceJob first = job("normal-1");
		this.queue.offer(first);
		this.queue.offer(job("normal-2"));
		assertThat(this.queue.remove(first)).isTrue();
		assertThat(this.queue.remove(first)).isFalse();
		assertThat(this.queue.poll(0).requestId()).isEqualTo("normal-2");
		assertThat(this.queue.poll(0)).isNull();
	}

	@Test
	void removeAllEmptiesTheQueueHighestFirst() {
		this.queue.offer(job("low-1"));
		this.queue.offer(job("critical-1"));
		assertThat(this.queue.removeAll()).extracting(InferenceJob::requestId).containsExactly("critical-1", "low-1");
		assertThat(this.queue.depth()).isZero();
	}

	@Test
	void theOldestWaitIsTheEarliestHeadOfAnyPriority() {
		this.queue.offer(new InferenceJob("low-old", null, List.of(), Priority.LOW, Long.MAX_VALUE, 1_000_000_000L));
		this.queue.offer(new InferenceJob("high-new", null, List.of(), Priority.HIGH, Long.MAX_VALUE, 3_000_000_000L));
		assertThat(this.queue.oldestWaitMillis(4_000_000_000L)).isEqualTo(3000);
		assertThat(new InferenceQueue(1).oldestWaitMillis(4_000_000_000L)).isZero();
	}

	/** A job whose priority is the prefix of its id. */
	private static InferenceJob job(String id) {
		Priority priority = Priority.valueOf(id.substring(0, id.indexOf('-')).toUpperCase());
		return new InferenceJob(id, null, List.of(), priority, Long.MAX_VALUE, System.nanoTime());
	}

}
