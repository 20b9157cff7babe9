package dev.vigil.hosts.snapshots;

import java.time.Instant;

/**
 * How many snapshots there are and when the newest was taken.
 *
 * @param count snapshots stored
 * @param newestAt when the newest was taken; null when there is none
 */
record SnapshotSummary(int count, Instant newestAt) {
}
