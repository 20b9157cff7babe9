package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.VigilApplication;
import dev.vigil.testing.PostgresServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Vigil started for a hosts benchmark on an SQLite file and then on an embedded PostgreSQL, each
 * measured and closed in turn, with security off (the figures are about the store, not
 * authentication). {@code -Dbench.database=sqlite} or {@code postgresql} runs one of the two.
 */
final class VigilOnEachDatabase {

	/** Measures one running Vigil; returns the table rows for it. */
	@FunctionalInterface
	interface Measurement {

		List<String> measure(String database, ConfigurableApplicationContext vigil) throws Exception;

	}

	private VigilOnEachDatabase() {
	}

	/**
	 * The rows of every database measured, with {@code settings} added to each start's arguments.
	 * The data is deleted after: an import run leaves hundreds of MB, whose write-back slowed the
	 * next run when left behind.
	 */
	static List<String> measure(List<String> settings, Measurement measurement) throws Exception {
		Path directory = Files.createTempDirectory("vigil-hosts-bench");
		String only = System.getProperty("bench.database", "");
		List<String> rows = new ArrayList<>();
		try {
			if (!only.equals("postgresql")) {
				try (ConfigurableApplicationContext sqlite = start(settings,
						"--spring.datasource.url=jdbc:sqlite:" + directory.resolve("bench.db"),
						"--vigil.hosts.file.path=" + directory.resolve("hosts-sqlite"))) {
					rows.addAll(measurement.measure("SQLite", sqlite));
				}
			}
			if (!only.equals("sqlite")) {
				try (PostgresServer postgres = PostgresServer.start();
						ConfigurableApplicationContext pg = start(settings, "--spring.datasource.url=" + postgres.jdbcUrl(),
								"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
								"--vigil.hosts.file.path=" + directory.resolve("hosts-postgres"))) {
					rows.addAll(measurement.measure("PostgreSQL", pg));
				}
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
		return rows;
	}

	private static ConfigurableApplicationContext start(List<String> settings, String... arguments) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.grpc.server.port=0",
				"--logging.level.root=warn", "--vigil.security.enabled=false"));
		all.addAll(settings);
		all.addAll(List.of(arguments));
		return new SpringApplicationBuilder(VigilApplication.class).run(all.toArray(String[]::new));
	}

}
