package dev.vigil.security;

import java.util.List;

/**
 * The roles a token or client certificate can carry; each is granted as an authority of the same
 * name. Listed once here: the configuration checks, the access rules and the {@code token}
 * command all read these.
 */
public final class Roles {

	/** Reads hosts: Get, List, Search, Export, Watch, ListSnapshots, and the history. */
	public static final String HOSTS_READ = "hosts:read";

	/** Changes hosts: Add, Update, Delete, Import, the snapshots, and CompactAggregates. */
	public static final String HOSTS_WRITE = "hosts:write";

	/** Runs inference: Infer, Cancel, ListModels. */
	public static final String MODELS_INFER = "models:infer";

	/** Loads and unloads models. */
	public static final String MODELS_ADMIN = "models:admin";

	/** Reads the actuator endpoints, health details, gRPC reflection. */
	public static final String ACTUATOR = "actuator";

	/**
	 * Changes what an actuator endpoint can change (a logger's level), apart from reading: a
	 * dashboard that only looks holds {@link #ACTUATOR} alone.
	 */
	public static final String ACTUATOR_WRITE = "actuator:write";

	/** Every role, in the order the documentation lists them. */
	public static final List<String> ALL = List.of(HOSTS_READ, HOSTS_WRITE, MODELS_INFER, MODELS_ADMIN, ACTUATOR,
			ACTUATOR_WRITE);

	/** A regular expression matching exactly one role, for configuration constraints. */
	static final String PATTERN = HOSTS_READ + "|" + HOSTS_WRITE + "|" + MODELS_INFER + "|" + MODELS_ADMIN + "|" + ACTUATOR
			+ "|" + ACTUATOR_WRITE;

	/** The roles as a constraint message lists them. */
	static final String LIST = HOSTS_READ + ", " + HOSTS_WRITE + ", " + MODELS_INFER + ", " + MODELS_ADMIN + ", " + ACTUATOR
			+ ", " + ACTUATOR_WRITE;

	private Roles() {
	}

}
