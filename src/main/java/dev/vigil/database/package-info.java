/**
 * The database the hosts registry and the ACME store share: the SQLite directory made before the
 * pool opens, backend detection ({@link dev.vigil.database.DatabaseBackend}), connections outside
 * the pool for listeners, failures that mean the database is away, and the {@code db} component,
 * with the details other components add to it
 * ({@link dev.vigil.database.DatabaseDetailsContributor}). Imports the engine and {@code support}.
 */
@ApplicationModule(allowedDependencies = { "health" })
package dev.vigil.database;

import org.springframework.modulith.ApplicationModule;
