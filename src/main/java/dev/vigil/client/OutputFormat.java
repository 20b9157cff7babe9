package dev.vigil.client;

/**
 * What {@code -f/--format} asks for: {@code table} for people, {@code json} and {@code csv} for
 * scripts; {@code hosts} only where a command moves a hosts document (import, export).
 */
enum OutputFormat {

	table, json, csv, hosts

}
