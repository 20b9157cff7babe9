package dev.vigil.models;

/**
 * A model's place in its life in the registry.
 */
enum ModelState {

	LOADING, READY, UNLOADING, ERROR

}
