package dev.vigil.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Prepares an SQLite pool before its first connection: creates the database file's directory and
 * keeps one connection, since SQLite has a single writer. Other databases keep the configured pool:
 * Flyway deadlocks on PostgreSQL with a pool of one.
 */
class SqliteDataSourcePreparer implements BeanPostProcessor {

	private static final String PREFIX = "jdbc:sqlite:";

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& DatabaseBackend.fromUrl(pool.getJdbcUrl()) == DatabaseBackend.SQLITE) {
			createParentDirectory(pool.getJdbcUrl().substring(PREFIX.length()));
			pool.setMaximumPoolSize(1);
		}
		return bean;
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
