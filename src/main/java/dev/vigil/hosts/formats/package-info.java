/**
 * The import and export formats: hosts file, JSON lines and CSV, each one codec. Imports
 * {@code entries}.
 */
package dev.vigil.hosts.formats;
