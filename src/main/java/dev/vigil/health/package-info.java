/**
 * The health engine: component checks run in the background, each on its own interval and bounded
 * by its own timeout; the latest results, evaluated into groups and statuses without I/O; gauges and
 * change events; the outcome recorder for checks that count failures in a row. Imports {@code support} only: no component and no door. Components register their
 * checks here; doors read the evaluation.
 */
@ApplicationModule(allowedDependencies = {})
package dev.vigil.health;

import org.springframework.modulith.ApplicationModule;
