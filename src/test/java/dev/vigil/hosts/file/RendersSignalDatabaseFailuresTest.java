package dev.vigil.hosts.file;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.vigil.health.GroupHealth;
import dev.vigil.health.HealthEvaluator;
import dev.vigil.support.PeriodicTask;
import dev.vigil.testing.PostgresServer;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A render reads the registry through its read path, so a failed read is a database failure
 * signal like any other: with PostgreSQL stopped, no check, write or feed check due for an hour
 * and the pool's watch stopped, the one render asked for turns readiness 503 within seconds.
 */
@VigilTest
@DirtiesContext
class RendersSignalDatabaseFailuresTest {

	static final PostgresServer postgres = PostgresServer.start();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.registerDataSource(registry, "renders-Secret-5521");
		// Nothing but the render may read: every check and the feed's timed check wait an hour.
		registry.add("vigil.health.defaults.interval", () -> "1h");
		registry.add("vigil.health.defaults.timeout", () -> "2s");
		registry.add("vigil.hosts.changes.check-interval", () -> "1h");
		registry.add("vigil.hosts.file.path", () -> "target/test-data/hosts-renders-signal");
	}

	@AfterAll
	static void stopDatabase() {
		postgres.close();
	}

	@Autowired
	HealthEvaluator evaluator;

	@Autowired
	HostsFileRenderer renderer;

	@Autowired
	HostsFileHealthCheck hostsFile;

	/** Tells the {@code db} component when requests wait on a pool that cannot connect: not a reader. */
	@Autowired
	@Qualifier("connectionPoolWatch")
	PeriodicTask poolWatch;

	@Test
	void aRenderThatCannotReadTurnsReadinessDown() {
		await().atMost(Duration.ofSeconds(10)).until(() -> readiness().serving());
		// Else it would tell first, as a render waits for a connection: the render must tell by itself.
		this.poolWatch.stop();
		postgres.stop();
		try {
			assertThat(readiness().serving()).as("nothing has read since the stop").isTrue();
			this.renderer.requestRender();
			await().atMost(Duration.ofSeconds(10)).until(() -> !readiness().serving());
			assertThat(readiness().reason()).startsWith("db: ").doesNotContain("pool cannot open");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> "failed".equals(this.hostsFile.check().getDetails().get("lastResult")));
		}
		finally {
			postgres.resume();
			this.poolWatch.start();
		}
		this.renderer.requestRender();
		await().atMost(Duration.ofSeconds(15)).until(() -> readiness().serving());
	}

	private GroupHealth readiness() {
		return this.evaluator.requiredGroup(HealthEvaluator.READINESS);
	}

}
