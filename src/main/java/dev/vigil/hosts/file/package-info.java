/**
 * The rendered hosts file: the coalescing renderer, the atomic write, its settings and the
 * {@code hostsFile} component. Publishes {@code events.HostsFileRenderedEvent}. Imports
 * {@code store}, {@code feed}, {@code formats}, {@code entries} and {@code events}.
 */
package dev.vigil.hosts.file;
