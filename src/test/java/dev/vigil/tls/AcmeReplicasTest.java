package dev.vigil.tls;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import dev.vigil.VigilApplication;
import dev.vigil.testing.Ports;
import dev.vigil.testing.PostgresServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas on one PostgreSQL database, started together: one orders (under the database
 * lease), the other serves what it stored, and both present the same certificate. The CA reaches
 * only the first replica's HTTP port; the challenge answer is in the database, so it does not
 * matter which replica ordered.
 */
class AcmeReplicasTest {

	@Test
	void twoReplicasOrderOnceAndServeTheSameCertificate() throws Exception {
		PebbleServer.assumeInstalled();
		int httpPort = Ports.free();
		try (PostgresServer postgres = PostgresServer.start();
				PebbleServer pebble = PebbleServer.start(Path.of("target/test-data/acme-replicas"), httpPort)) {
			CompletableFuture<ConfigurableApplicationContext> first = CompletableFuture
				.supplyAsync(() -> start(postgres, pebble, httpPort));
			CompletableFuture<ConfigurableApplicationContext> second = CompletableFuture
				.supplyAsync(() -> start(postgres, pebble, 0));
			try (ConfigurableApplicationContext a = first.join(); ConfigurableApplicationContext b = second.join()) {
				List<ConfigurableApplicationContext> replicas = List.of(a, b);
				await().atMost(Duration.ofSeconds(60))
					.until(() -> replicas.stream().allMatch((replica) -> served(replica) != null)
							&& served(a).equals(served(b)));
				BigInteger serial = served(a);
				for (ConfigurableApplicationContext replica : replicas) {
					assertThat(TlsProbe.presented(replica.getBean(HttpsConnector.class).port()).getSerialNumber())
						.isEqualTo(serial);
				}
				double orders = replicas.stream()
					.mapToDouble((replica) -> replica.getBean(MeterRegistry.class)
						.get("vigil.acme.renewals")
						.tag("result", "success")
						.counter()
						.count())
					.sum();
				assertThat(orders).isEqualTo(1);
			}
		}
	}

	private static BigInteger served(ConfigurableApplicationContext replica) {
		return replica.getBean(ServedCertificate.class).current().map((bundle) -> bundle.leaf().getSerialNumber()).orElse(null);
	}

	private static ConfigurableApplicationContext start(PostgresServer postgres, PebbleServer pebble, int httpPort) {
		return new SpringApplicationBuilder(VigilApplication.class).run("--server.port=" + httpPort,
				"--spring.grpc.server.port=0", "--spring.datasource.url=" + postgres.jdbcUrl(),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--vigil.hosts.file.path=target/test-data/acme-replicas/hosts-" + httpPort,
				"--vigil.tls.enabled=true", "--vigil.tls.https-port=0", "--vigil.tls.grpc-port=0",
				"--vigil.acme.enabled=true", "--vigil.acme.directory-url=" + pebble.directoryUrl(),
				"--vigil.acme.trust-certificate=" + pebble.listenerCertificate(), "--vigil.acme.domains[0]=localhost",
				"--vigil.acme.accept-terms=true", "--vigil.acme.order-timeout=30s");
	}

}
