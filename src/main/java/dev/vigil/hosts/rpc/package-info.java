/**
 * {@code router_hosts.v1.HostsService} as the hosts component answers it: the host and snapshot
 * RPCs, the streaming calls (ImportHosts, WatchHosts with snapshots shared by its followers), paged
 * response streams with flow control, reply and error mapping, entries as messages; and the
 * consumers that follow WatchHosts and report their {@code SinkStatus}, judged by the
 * {@code sinks} component (DEGRADED, never in readiness). Imports {@code registry}.
 */
package dev.vigil.hosts.rpc;
