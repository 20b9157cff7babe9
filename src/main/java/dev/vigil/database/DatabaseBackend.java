package dev.vigil.database;

import java.util.Locale;

/**
 * The relational databases Vigil runs on, told apart by JDBC URL. A bean, for components whose
 * SQL differs between them.
 */
public enum DatabaseBackend {

	SQLITE("sqlite", "SELECT count(*) FROM sqlite_master"),

	POSTGRESQL("postgresql", "SELECT 1");

	private final String id;

	private final String validationQuery;

	DatabaseBackend(String id, String validationQuery) {
		this.id = id;
		this.validationQuery = validationQuery;
	}

	/** The name health reports ({@code sqlite}, {@code postgresql}). */
	public String id() {
		return this.id;
	}

	/**
	 * A query that proves the database answers. SQLite's reads the schema page, so a database
	 * file that is locked or unreadable fails it; {@code SELECT 1} there would not touch the file.
	 */
	String validationQuery() {
		return this.validationQuery;
	}

	/** The backend of a JDBC URL; anything but SQLite and PostgreSQL is refused. */
	public static DatabaseBackend fromUrl(String url) {
		for (DatabaseBackend backend : values()) {
			if (backend.names(url)) {
				return backend;
			}
		}
		throw new IllegalArgumentException("unsupported database: spring.datasource.url must be jdbc:sqlite: or jdbc:postgresql:");
	}

	/**
	 * Whether a JDBC URL ({@code jdbc:<id>:…}, any case) is this backend's; false for an absent one.
	 * For what is decided before the context has beans: which beans exist at all.
	 */
	public boolean names(String url) {
		return url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:" + this.id + ":");
	}

}
