/**
 * The registry: an entry and its rules (validation, the canonical address, ULIDs); the tables,
 * queries and write locks; the change log and each replica's change feed (with PostgreSQL's
 * LISTEN/NOTIFY listener); reads and writes in transactions, each write under the write lock and
 * appending its change with a history row per entry it touched; imports and the hosts, JSON and
 * CSV formats; snapshots and rollback; the history's reads, retention and compaction; and their
 * counts in the {@code db} details. Public are only the types {@code rpc} and {@code file} use:
 * entries, the registry and its importer, the feed, formats, snapshots and the history.
 */
package dev.vigil.hosts.registry;
