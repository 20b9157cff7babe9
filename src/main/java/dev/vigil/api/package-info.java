/**
 * The wire types, generated from {@code src/main/proto} into this package's sub-packages
 * ({@code routerhosts.v1}, {@code v1}): an open module that every module speaking gRPC may use,
 * and that uses no other.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN, allowedDependencies = {})
package dev.vigil.api;

import org.springframework.modulith.ApplicationModule;
