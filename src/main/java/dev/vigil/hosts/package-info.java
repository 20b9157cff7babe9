/**
 * The hosts registry. This base package is the module's API, all that other modules may use: its
 * settings ({@link dev.vigil.hosts.HostsProperties}), the event published after every render of
 * the hosts file ({@link dev.vigil.hosts.HostsFileRenderedEvent}) and its health components' names
 * ({@link dev.vigil.hosts.HostsHealthComponents}). Its gRPC service is a bean the gRPC door finds
 * by its type, not by name. Three packages, each a concept that changes as one, keep their types
 * to themselves unless another needs them:
 * <ul>
 * <li>{@code registry}: an entry and its rules, the tables, the change log and feed, the
 * transactional reads and writes, imports and their formats, snapshots and rollback;</li>
 * <li>{@code rpc}: {@code router_hosts.v1.HostsService} as the component answers it (calls,
 * replies, errors, shared WatchHosts snapshots) and the WatchHosts consumers ({@code sinks});</li>
 * <li>{@code file}: the rendered hosts file ({@code hostsFile}), read through the registry.</li>
 * </ul>
 * Imports the engine, {@code database}, {@code security}'s caller identity, the wire types and
 * {@code support}.
 */
@ApplicationModule(allowedDependencies = { "api", "health", "database", "security" })
package dev.vigil.hosts;

import org.springframework.modulith.ApplicationModule;
