/**
 * Snapshots and rollback: whole copies of the registry after one change, their retention and
 * schedule, a rollback as one transaction and one change, and the snapshot counts in the
 * {@code db} details. Imports {@code registry}, {@code feed}, {@code store} and {@code entries}.
 */
package dev.vigil.hosts.snapshots;
