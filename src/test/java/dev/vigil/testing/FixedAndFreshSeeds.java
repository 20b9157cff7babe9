package dev.vigil.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Each property of the annotated container runs twice: with the project's fixed seed, so that CI
 * sees the same inputs every run, and then with a fresh one, which a failure prints, so that every
 * run also meets inputs nobody has seen. A property is written once.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@AddLifecycleHook(FixedAndFreshSeeds.Hook.class)
public @interface FixedAndFreshSeeds {

	/** The fixed seed. */
	String SEED = "20261204";

	/** Runs the property with the fixed seed, then, if it held, with a fresh one. */
	class Hook implements AroundPropertyHook {

		/** Added to a container, it runs around each of its properties. */
		@Override
		public PropagationMode propagateTo() {
			return PropagationMode.ALL_DESCENDANTS;
		}

		@Override
		public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
			context.attributes().setSeed(SEED);
			PropertyExecutionResult fixed = property.execute();
			if (fixed.status() != PropertyExecutionResult.Status.SUCCESSFUL) {
				return fixed;
			}
			context.attributes().setSeed("");
			return property.execute();
		}

	}

}
