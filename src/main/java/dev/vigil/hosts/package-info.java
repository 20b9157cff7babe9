/**
 * The hosts registry. This base package is the module's API: the host and snapshot RPCs
 * ({@link dev.vigil.hosts.HostsApi}, {@link dev.vigil.hosts.SnapshotsApi}) the gRPC door binds,
 * the settings and the wiring; {@code events} is its other named interface. Every concern sits in
 * a sub-package of its own, internal to the module: {@code entries} (an entry and its rules),
 * {@code store} (tables, queries, write locks), {@code feed} (change log and change feed),
 * {@code registry} (transactional reads and writes, imports), {@code formats}, {@code file} (the
 * rendered hosts file, {@code hostsFile}), {@code sinks} (WatchHosts consumers, {@code sinks}),
 * {@code snapshots} and {@code rpc} (streaming calls, replies, errors). Imports the engine,
 * {@code database}, the wire types and {@code support}.
 */
@ApplicationModule(allowedDependencies = { "api", "health", "database" })
package dev.vigil.hosts;

import org.springframework.modulith.ApplicationModule;
