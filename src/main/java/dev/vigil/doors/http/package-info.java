/**
 * The HTTP door: {@code /livez} and {@code /readyz} on the main port, read straight from the
 * shared evaluation, and the health timeline as {@code /actuator/healthevents}. Imports the engine
 * only.
 */
package dev.vigil.doors.http;
