/**
 * The hosts registry: entries and their validation, the store and its write locks, import and
 * export formats, the change log and each replica's change feed, the rendered hosts file and its
 * {@code hostsFile} component, WatchHosts consumers and their {@code sinks} component, snapshots
 * and rollback (counted in the {@code db} details), and the host and snapshot RPCs
 * ({@link dev.vigil.hosts.HostsApi}, {@link dev.vigil.hosts.SnapshotsApi}) the gRPC door binds.
 * Imports the engine, {@code database} and {@code support}.
 */
package dev.vigil.hosts;
