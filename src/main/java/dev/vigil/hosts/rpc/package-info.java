/**
 * The gRPC side of the host and snapshot RPCs: the streaming calls (ImportHosts, WatchHosts),
 * paged response streams with flow control, reply and error mapping, and entries as messages.
 * {@code HostsApi} and {@code SnapshotsApi} in the base package hand calls here. Imports the
 * registry's other concerns below it.
 */
package dev.vigil.hosts.rpc;
