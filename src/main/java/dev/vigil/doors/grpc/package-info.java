/**
 * The gRPC door: binds every component's services, and adds what belongs to a door: the health
 * RPCs of {@code router_hosts.v1.HostsService}, merged into the hosts component's service; the
 * interceptor that ends endless streams on shutdown; {@code grpc.health.v1.Health}, pushed from
 * the health groups; the call timer. Imports the engine, {@code security}, the wire types and
 * {@code support}; no component's types.
 */
package dev.vigil.doors.grpc;
