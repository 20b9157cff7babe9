/**
 * Support below every other package: named daemon threads, atomic file replacement, one-line error text, backoff, the one
 * secret masker, the start and stop order, and the rules every {@code vigil.*} property follows.
 * Imports no other Vigil package.
 */
@ApplicationModule(allowedDependencies = {})
package dev.vigil.support;

import org.springframework.modulith.ApplicationModule;
