/**
 * The rendered hosts file: the coalescing renderer, which reads the registry through its read path
 * (so a failed read is a database failure signal like any other), the atomic write and the
 * {@code hostsFile} component. Publishes {@code HostsFileRenderedEvent}. Imports {@code registry}.
 */
package dev.vigil.hosts.file;
