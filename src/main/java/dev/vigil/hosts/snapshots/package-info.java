/**
 * Snapshots of the registry: taken under the write lock, listed, deleted, rolled back to (a bulk
 * write that excludes an import), kept by count and age, scheduled when set. Imports the registry.
 */
package dev.vigil.hosts.snapshots;
