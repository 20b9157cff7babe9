/**
 * The change log and each replica's change feed: every committed change's id, appended in the
 * same transaction; the newest change this replica knows; PostgreSQL's LISTEN/NOTIFY listener.
 * Imports {@code store} and {@code entries}.
 */
package dev.vigil.hosts.feed;
