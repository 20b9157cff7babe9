package dev.vigil.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Prepares an SQLite pool before its first connection: creates the database file's directory,
 * keeps one connection (the single writer), and opens it in WAL mode, so readers on other
 * connections never wait for it. Transactions stay {@code DEFERRED}: an {@code IMMEDIATE} begin
 * that finds another process writing fails inside {@code setAutoCommit(false)} and leaves the
 * driver believing a transaction is open. Other databases keep the configured pool: Flyway
 * deadlocks on PostgreSQL with a pool of one.
 */
class SqliteDataSourcePreparer implements BeanPostProcessor {

	private static final String PREFIX = "jdbc:sqlite:";

	private final Environment environment;

	SqliteDataSourcePreparer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& DatabaseBackend.fromUrl(pool.getJdbcUrl()) == DatabaseBackend.SQLITE) {
			createParentDirectory(pool.getJdbcUrl().substring(PREFIX.length()));
			pool.setMaximumPoolSize(1);
			SqliteConnections.configureWriter(pool, settings());
		}
		return bean;
	}

	/** Bound here by hand: a post-processor runs before configuration properties are beans. */
	private DatabaseProperties.Sqlite settings() {
		return Binder.get(this.environment)
			.bindOrCreate(DatabaseProperties.PREFIX, DatabaseProperties.class)
			.sqlite();
	}

	private static void createParentDirectory(String location) {
		String file = location.split("\\?", 2)[0];
		if (file.startsWith("file:")) {
			file = file.substring("file:".length());
		}
		if (file.isEmpty() || file.contains(":memory:")) {
			return;
		}
		Path parent = Path.of(file).toAbsolutePath().getParent();
		try {
			Files.createDirectories(parent);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the SQLite database directory " + parent, ex);
		}
	}

}
