package dev.vigil.security;

/**
 * The roles a token can carry; each is granted as an authority of the same name.
 */
final class Roles {

	/** Reads hosts: Get, List, Search, Export. */
	static final String HOSTS_READ = "hosts:read";

	/** Changes hosts: Add, Update, Delete, Import. */
	static final String HOSTS_WRITE = "hosts:write";

	/** Runs inference: Infer, Cancel, ListModels. */
	static final String MODELS_INFER = "models:infer";

	/** Loads and unloads models. */
	static final String MODELS_ADMIN = "models:admin";

	/** Actuator endpoints, health details, gRPC reflection. */
	static final String ACTUATOR = "actuator";

	static final String PATTERN = "hosts:read|hosts:write|models:infer|models:admin|actuator";

	static final String LIST = "hosts:read, hosts:write, models:infer, models:admin, actuator";

	private Roles() {
	}

}
