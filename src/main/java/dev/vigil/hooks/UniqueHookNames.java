package dev.vigil.hooks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * No two hooks of the list share a name: the name is what health and metrics report by.
 */
@Documented
@Constraint(validatedBy = UniqueHookNamesValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@interface UniqueHookNames {

	String message() default "hook name '{name}' is used more than once in this list";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
