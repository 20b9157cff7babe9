/**
 * The process's lifecycle: Running, Draining, Stopped, one way only, driven by the context closing.
 * Imports {@code support} only.
 */
package dev.vigil.lifecycle;
