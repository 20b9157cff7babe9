/**
 * The gRPC door: {@code router_hosts.v1.HostsService} bound in one place (health RPCs here, host
 * RPCs from {@code hosts.HostsApi}), and {@code grpc.health.v1.Health} pushed from the health
 * groups. Imports the engine, the components' public types ({@code hosts}, {@code database},
 * {@code hooks}, {@code tls}, {@code models}, {@code security}) and {@code support}.
 */
package dev.vigil.doors.grpc;
