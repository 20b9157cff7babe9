package dev.vigil.database;

import java.sql.Connection;
import java.util.Map;
import java.util.Optional;

/**
 * Details a component adds to the {@code db} component: read by the {@code db} check, after its
 * validation query, on the connection it already holds (SQLite's pool has one), within the same
 * background check and timeout. A contributor's own failure must not turn {@code db} DOWN: it
 * leaves its details out instead. What it contributes can make {@code db} DEGRADED, which
 * readiness serves.
 */
@FunctionalInterface
public interface DatabaseDetailsContributor {

	/**
	 * Adds this component's details, read on {@code connection}; returns why {@code db} should be
	 * DEGRADED, or empty when nothing here is wrong.
	 */
	Optional<String> contribute(Connection connection, Map<String, Object> details);

}
