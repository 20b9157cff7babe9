/**
 * The database the hosts registry and the ACME store share: the SQLite directory made before the
 * pool opens and WAL mode, backend detection ({@link dev.vigil.database.DatabaseBackend}), SQLite's
 * read pool beside the one writer ({@link dev.vigil.database.ReadPoolJdbc}), the db check's own
 * connection, connections outside the pool for listeners, failures that mean the database is away
 * as against busy, the one write path (a bounded turn and lock, stalls reported:
 * {@link dev.vigil.database.WritePath}), the gate that fails calls fast while the database is known
 * down ({@link dev.vigil.database.DatabaseOutageGate}), and the {@code db} component,
 * with the details other components add to it
 * ({@link dev.vigil.database.DatabaseDetailsContributor}). Imports the engine and {@code support}.
 */
@ApplicationModule(allowedDependencies = { "health" })
package dev.vigil.database;

import org.springframework.modulith.ApplicationModule;
