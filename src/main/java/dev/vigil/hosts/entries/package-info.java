/**
 * A host entry and its rules: the entry, its fields and updates, validation and the canonical
 * address, entry ids (ULIDs), the error every concern of the registry raises, and the checkpoint
 * a write asks before it commits. Imports nothing else of the registry.
 */
package dev.vigil.hosts.entries;
