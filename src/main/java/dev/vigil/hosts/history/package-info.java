/**
 * Each entry's history as a feature: its reads (an entry's events, changes since a point), its
 * retention on a timer, compaction in steps, and its counts in the {@code db} details. The write
 * path captures the rows ({@code registry.HistoryCapture}); this reads and keeps them. Imports the
 * registry.
 */
package dev.vigil.hosts.history;
