package dev.vigil;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.GetHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.testing.PostgresServer;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A busy PostgreSQL: the db check runs on a connection of its own, outside the pool the work holds,
 * and a pool whose every connection is at work is contention, not an outage.
 */
@VigilTest
@DirtiesContext
class PostgresBusyDatabaseTest extends AbstractBusyDatabaseTest {

	static final PostgresServer postgres = PostgresServer.start();

	@Autowired
	DataSource dataSource;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres.registerDataSource(registry, "busy-secret");
		registry.add("vigil.hosts.file.path", () -> "target/test-data/hosts-busy-postgres");
	}

	@AfterAll
	static void stopDatabase() {
		postgres.close();
	}

	@Test
	void everyPoolConnectionAtWorkLeavesReadinessAlone() throws Exception {
		int size = ((HikariDataSource) this.dataSource).getMaximumPoolSize();
		List<Connection> held = new ArrayList<>();
		try {
			for (int i = 0; i < size; i++) {
				held.add(this.dataSource.getConnection());
			}
			HostsServiceGrpc.HostsServiceBlockingStub reads = HostsServiceGrpc.newBlockingStub(this.channel);
			CompletableFuture<Status> read = CompletableFuture.supplyAsync(() -> {
				try {
					reads.getHost(GetHostRequest.newBuilder().setId(this.seedId).build());
					return Status.OK;
				}
				catch (StatusRuntimeException ex) {
					return ex.getStatus();
				}
			});
			List<Boolean> ready = new ArrayList<>();
			while (!read.isDone()) {
				ready.addAll(this.doors.read().readyAnswers());
			}
			assertThat(read.join().getCode()).as("a read that waited out the pool").isEqualTo(Status.Code.UNAVAILABLE);
			assertThat(ready).as("every readiness door while it waited").isNotEmpty().containsOnly(true);
			assertThat(this.doors.read().readyAnswers()).containsOnly(true);
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
	}

}
