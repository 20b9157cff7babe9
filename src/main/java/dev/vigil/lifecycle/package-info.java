/**
 * The process's lifecycle: how it starts (Spring AOT's build-time bean definitions, or the regular
 * path when its settings need the conditions evaluated: {@code AotStartGuard}), then Running,
 * Draining, Stopped, one way only, driven by the context closing.
 * Imports {@code support} only.
 */
@ApplicationModule(allowedDependencies = {})
package dev.vigil.lifecycle;

import org.springframework.modulith.ApplicationModule;
