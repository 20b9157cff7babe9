/**
 * The served certificate, from PEM files or ordered and renewed over ACME (HTTP-01, state and lease
 * in the database); the HTTPS and gRPC TLS ports that swap it in place; the {@code acme} component.
 * Imports the engine, {@code support} and {@code security}'s public types.
 */
@ApplicationModule(allowedDependencies = { "health", "security" })
package dev.vigil.tls;

import org.springframework.modulith.ApplicationModule;
