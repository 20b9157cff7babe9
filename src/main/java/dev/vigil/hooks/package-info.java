/**
 * Hooks: commands run after the hosts file changes, their background runner and process handling,
 * outcomes, and the {@code hooks} component. Its input is {@link dev.vigil.hooks.HostsFileHookTrigger},
 * which the application feeds from the hosts component's render event. Imports the engine and
 * {@code support}.
 */
@ApplicationModule(allowedDependencies = { "health" })
package dev.vigil.hooks;

import org.springframework.modulith.ApplicationModule;
