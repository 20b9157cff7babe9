/**
 * The HTTP door: {@code /livez} and {@code /readyz} on the main port, read straight from the
 * shared evaluation. Imports the engine only.
 */
package dev.vigil.doors.http;
