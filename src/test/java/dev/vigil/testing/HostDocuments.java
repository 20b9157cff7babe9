package dev.vigil.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.grpc.Channel;

import dev.vigil.api.routerhosts.v1.ImportHostsResponse;

/** Hosts-file documents the hosts tests and benchmarks import, and their import over a real channel. */
public final class HostDocuments {

	private static final int CHUNK = 1024 * 1024;

	private HostDocuments() {
	}

	/** {@code count} entries in {@code network}.x.y (addresses repeat past 62,500; names never), each with an alias, a comment and a tag. */
	public static String document(String network, String prefix, int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> network + "." + (i / 250 % 250) + "." + (i % 250) + "\t" + prefix + i + ".bench.example alias" + i
					+ "\t# entry " + i + " [bench]\n")
			.collect(Collectors.joining());
	}

	/** Imports a document in 1 MB chunks with conflicts skipped; returns the final summary. */
	public static ImportHostsResponse importHosts(Channel channel, String document) {
		ImportCall call = start(channel, document);
		if (!call.await().isOk()) {
			throw new IllegalStateException("import failed: " + call.done().join());
		}
		return call.responses().get(call.responses().size() - 1);
	}

	/** Starts importing a document in 1 MB chunks with conflicts skipped; returns at once. */
	public static ImportCall start(Channel channel, String document) {
		byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
		return ImportCall.start(channel, bytes, CHUNK, "hosts", "skip", false, Duration.ofMinutes(5));
	}

}
