package dev.vigil.models;

/**
 * How soon a request runs: a higher priority always goes first, and within one priority the
 * request that came first does.
 */
public enum Priority {

	LOW, NORMAL, HIGH, CRITICAL

}
