/**
 * The hosts, JSON and CSV formats of a whole registry, read and written, and imports in them (each
 * one bulk write under the write lock). Imports the registry.
 */
package dev.vigil.hosts.formats;
