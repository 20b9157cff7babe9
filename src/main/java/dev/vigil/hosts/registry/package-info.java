/**
 * Reads and writes of the registry in transactions, each write under the write lock and appending
 * its change, and ImportHosts' conflict modes and summary. Imports {@code store}, {@code feed},
 * {@code formats} and {@code entries}.
 */
package dev.vigil.hosts.registry;
