/**
 * The registry: an entry and its rules (validation, the canonical address, ULIDs); the tables,
 * queries and write locks; the change log and each replica's change feed (with PostgreSQL's
 * LISTEN/NOTIFY listener); its reads ({@code HostsRegistry}) and its write path
 * ({@code HostWrites}), each write under the write lock appending its change and capturing a
 * history row per entry it touched ({@code HistoryCapture}). Public are only the types the other
 * packages of {@code hosts} use.
 */
package dev.vigil.hosts.registry;
