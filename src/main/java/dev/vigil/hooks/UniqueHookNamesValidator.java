package dev.vigil.hooks;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * Checks {@link UniqueHookNames}, naming the first repeated name in the message.
 */
class UniqueHookNamesValidator implements ConstraintValidator<UniqueHookNames, List<HooksProperties.Hook>> {

	@Override
	public boolean isValid(List<HooksProperties.Hook> hooks, ConstraintValidatorContext context) {
		if (hooks == null) {
			return true;
		}
		Set<String> seen = new HashSet<>();
		for (String name : hooks.stream().filter(Objects::nonNull).map(HooksProperties.Hook::name).toList()) {
			if (name != null && !seen.add(name)) {
				context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("name", name);
				return false;
			}
		}
		return true;
	}

}
