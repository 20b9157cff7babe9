/**
 * The registry's tables: entry rows and their columns, queries and pages read by entry id or in
 * hosts-file order, and the write locks every write takes first. Imports {@code entries}.
 */
package dev.vigil.hosts.store;
