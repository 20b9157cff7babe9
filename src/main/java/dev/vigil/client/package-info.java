/**
 * Vigil as a client sees it: {@link dev.vigil.client.RouterHostsClient} and the jar's commands
 * ({@code probe}, {@code token}), which start no Spring context. Imports {@code security}'s public
 * types.
 */
@ApplicationModule(allowedDependencies = { "api", "security" })
package dev.vigil.client;

import org.springframework.modulith.ApplicationModule;
