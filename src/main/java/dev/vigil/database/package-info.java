/**
 * The database the hosts registry and the ACME store share: the SQLite directory made before the
 * pool opens, backend detection ({@link dev.vigil.database.DatabaseBackend}), connections outside
 * the pool for listeners, failures that mean the database is away, and the {@code db} component.
 * Imports the engine and {@code support}.
 */
package dev.vigil.database;
