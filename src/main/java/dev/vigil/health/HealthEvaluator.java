package dev.vigil.health;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * The one evaluation every door reads. It uses Actuator's own contributor registry, group
 * membership, status aggregators and HTTP status mappers, so the gRPC doors and the metrics say
 * exactly what {@code /actuator/health/{group}} says. Reading is cheap: indicators only return
 * their latest background result.
 */
public class HealthEvaluator {

	/** The group Kubernetes' liveness probe reads. */
	public static final String LIVENESS = "liveness";

	/** The group Kubernetes' readiness probe reads. */
	public static final String READINESS = "readiness";

	private final HealthContributorRegistry registry;

	private final HealthEndpointGroups groups;

	public HealthEvaluator(HealthContributorRegistry registry, HealthEndpointGroups groups) {
		this.registry = registry;
		this.groups = groups;
	}

	/** The named group, or empty when there is no such group. */
	public Optional<GroupHealth> group(String name) {
		return Optional.ofNullable(this.groups.get(name)).map((group) -> evaluate(name, group));
	}

	/** The named group, which configuration guarantees (the probe groups). */
	public GroupHealth requiredGroup(String name) {
		return group(name).orElseThrow(() -> new IllegalStateException("health group '" + name + "' is not configured"));
	}

	/** Every component, aggregated as the root {@code /actuator/health} does. */
	public GroupHealth overall() {
		return evaluate("", this.groups.getPrimary());
	}

	/** The names of the configured groups. */
	public Set<String> groupNames() {
		return this.groups.getNames();
	}

	private GroupHealth evaluate(String name, HealthEndpointGroup group) {
		List<ComponentState> components = new ArrayList<>();
		collect("", this.registry, group, components);
		Set<Status> statuses = new LinkedHashSet<>();
		components.forEach((component) -> statuses.add(component.status()));
		Status status = group.getStatusAggregator().getAggregateStatus(statuses);
		HttpCodeStatusMapper codes = group.getHttpCodeStatusMapper();
		List<ComponentState> failing = components.stream()
			.filter((component) -> !GroupHealth.isServing(codes.getStatusCode(component.status())))
			.toList();
		return new GroupHealth(name, status, codes.getStatusCode(status), List.copyOf(components), failing);
	}

	private static void collect(String prefix, HealthContributors contributors, HealthEndpointGroup group,
			List<ComponentState> into) {
		for (HealthContributors.Entry entry : contributors) {
			String path = prefix + entry.name();
			HealthContributor contributor = entry.contributor();
			if (contributor instanceof CompositeHealthContributor composite) {
				collect(path + "/", composite, group, into);
			}
			else if (contributor instanceof HealthIndicator indicator && group.isMember(path)) {
				into.add(ComponentState.of(path, indicator.health()));
			}
		}
	}

}
