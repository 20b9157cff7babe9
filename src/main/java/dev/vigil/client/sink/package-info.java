/**
 * The sink side of WatchHosts: snapshots read from the stream, rendered through a user's template
 * (Mustache, template data contract version 1), written atomically, the reload command run, and
 * the sink's own status reported back. Used by the {@code render} and {@code watch} commands.
 */
package dev.vigil.client.sink;
