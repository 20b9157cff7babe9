/**
 * Who may call what: API tokens stored as digests, client certificates, roles, failed-attempt
 * limits, the HTTP and gRPC access rules, who sees health details, and who is calling
 * ({@link dev.vigil.security.Callers}). Imports {@code support}.
 */
@ApplicationModule(allowedDependencies = { "api" })
package dev.vigil.security;

import org.springframework.modulith.ApplicationModule;
