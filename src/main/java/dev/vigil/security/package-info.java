/**
 * Who may call what: API tokens stored as digests, client certificates, roles, failed-attempt
 * limits, the HTTP and gRPC access rules, and who sees health details. Imports {@code support}.
 */
package dev.vigil.security;
