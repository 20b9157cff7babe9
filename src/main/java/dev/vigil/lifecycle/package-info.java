/**
 * The process's lifecycle: Running, Draining, Stopped, one way only, driven by the context closing.
 * Imports {@code support} only.
 */
@ApplicationModule(allowedDependencies = {})
package dev.vigil.lifecycle;

import org.springframework.modulith.ApplicationModule;
