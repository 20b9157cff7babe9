/**
 * Vigil as a client sees it: {@link dev.vigil.client.RouterHostsClient} and the jar's command line
 * ({@link dev.vigil.client.VigilCommandLine}: host, snapshot, server, render, watch, version,
 * probe, token and completion commands), which starts no Spring context; {@code sink} is the
 * WatchHosts consumer behind render and watch. Imports {@code security}'s public types.
 */
@ApplicationModule(allowedDependencies = { "api", "security" })
package dev.vigil.client;

import org.springframework.modulith.ApplicationModule;
