/**
 * The consumers that follow WatchHosts and report their {@code SinkStatus}: what each reported,
 * and the {@code sinks} component that judges them (DEGRADED, never in readiness). Imports
 * {@code feed} and {@code entries}.
 */
package dev.vigil.hosts.sinks;
