/**
 * Support below every other package: the one background-worker lifecycle ({@code BackgroundWorker},
 * with named daemon threads and a bounded stop) and tasks on a timer, the start and stop order,
 * atomic file replacement, one-line error text, backoff, the one secret masker, one gRPC service
 * bound from several method handlers, and the rules every {@code vigil.*} property follows.
 * Imports no other Vigil package.
 */
@ApplicationModule(allowedDependencies = {})
package dev.vigil.support;

import org.springframework.modulith.ApplicationModule;
