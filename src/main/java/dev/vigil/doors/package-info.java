/**
 * The doors: thin adapters through which callers read Vigil. Each takes a request, asks the health
 * engine or a component's public API, and answers in its own protocol; none computes health of
 * its own, so all agree by construction. This package holds what more than one door shares (the
 * inference runtime's report). Doors may import the engine ({@code health}), the components'
 * public types and {@code support}; nothing imports a door.
 */
@ApplicationModule(allowedDependencies = { "api", "health", "database", "hooks", "lifecycle", "models", "security", "tls" })
package dev.vigil.doors;

import org.springframework.modulith.ApplicationModule;
