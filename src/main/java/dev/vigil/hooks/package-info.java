/**
 * Hooks: commands run after the hosts file changes, their background runner and process handling,
 * outcomes, and the {@code hooks} component. Imports the engine, {@code support}, and the hosts
 * file's render event that triggers them.
 */
package dev.vigil.hooks;
