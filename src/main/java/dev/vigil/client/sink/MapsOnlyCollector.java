package dev.vigil.client.sink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.BasicCollector;

/**
 * Resolves template names in maps and lists only, never through reflection: a template can read
 * the contract's data and nothing else (no {@code Hostname.class.classLoader}, no Java call).
 */
final class MapsOnlyCollector extends BasicCollector {

	@Override
	public <K, V> Map<K, V> createFetcherCache() {
		return new ConcurrentHashMap<>();
	}

}
