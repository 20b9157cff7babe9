package dev.vigil.hosts.rpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import com.google.protobuf.ByteString;

import dev.vigil.api.routerhosts.v1.ExportHostsResponse;
import dev.vigil.hosts.formats.HostsFormat;
import dev.vigil.hosts.registry.Host;

/**
 * An export as successive batches of chunks: the format's opening, each page of entries encoded,
 * then its closing, cut into chunks of at most the configured size. An empty batch means the end.
 */
final class ExportChunks implements Supplier<List<ExportHostsResponse>> {

	private final HostsFormat format;

	private final Supplier<List<Host>> pages;

	private final int chunkSize;

	private boolean first = true;

	private boolean ended;

	ExportChunks(HostsFormat format, Supplier<List<Host>> pages, int chunkSize) {
		this.format = format;
		this.pages = pages;
		this.chunkSize = chunkSize;
	}

	@Override
	public List<ExportHostsResponse> get() {
		if (this.ended) {
			return List.of();
		}
		StringBuilder text = new StringBuilder();
		if (this.first) {
			text.append(this.format.begin());
		}
		List<Host> page = this.pages.get();
		for (Host host : page) {
			text.append(this.format.entry(host, this.first));
			this.first = false;
		}
		if (page.isEmpty()) {
			text.append(this.format.end());
			this.ended = true;
		}
		return chunks(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	private List<ExportHostsResponse> chunks(byte[] bytes) {
		List<ExportHostsResponse> chunks = new ArrayList<>();
		for (int start = 0; start < bytes.length; start += this.chunkSize) {
			byte[] part = Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + this.chunkSize));
			chunks.add(ExportHostsResponse.newBuilder().setChunk(ByteString.copyFrom(part)).build());
		}
		if (chunks.isEmpty() && !this.ended) {
			// Nothing to say for this page (an empty opening): ask the stream to come back for more.
			return get();
		}
		return chunks;
	}

}
