/**
 * Where spans go: Spring Boot's Zipkin reporter with its counts in Micrometer, made only when
 * export is on, and export turned on by naming a collector; and the spans of incoming calls kept
 * small, without an annotation per gRPC message. Imports {@code support} only.
 */
@ApplicationModule(allowedDependencies = {})
package dev.vigil.tracing;

import org.springframework.modulith.ApplicationModule;
