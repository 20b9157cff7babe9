/**
 * The hosts registry: entries and their validation, the store, import and export formats, the
 * change log and each replica's change feed, the rendered hosts file and its {@code hostsFile}
 * component, WatchHosts consumers and their {@code sinks} component, and the host RPCs
 * ({@link dev.vigil.hosts.HostsApi}) the gRPC door binds. Imports the engine, {@code database} and
 * {@code support}.
 */
package dev.vigil.hosts;
