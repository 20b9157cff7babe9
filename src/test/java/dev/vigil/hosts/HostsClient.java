package dev.vigil.hosts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.ExportHostsRequest;
import dev.vigil.api.routerhosts.v1.ExportHostsResponse;
import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ImportHostsResponse;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.testing.ImportCall;

/**
 * A test's view of {@code router_hosts.v1.HostsService} over a real channel.
 */
final class HostsClient {

	private final ManagedChannel channel;

	HostsClient(ManagedChannel channel) {
		this.channel = channel;
	}

	HostsServiceGrpc.HostsServiceBlockingStub blocking() {
		return HostsServiceGrpc.newBlockingStub(this.channel).withDeadlineAfter(20, TimeUnit.SECONDS);
	}

	HostEntry add(String ip, String hostname, String... tags) {
		return blocking()
			.addHost(AddHostRequest.newBuilder().setIpAddress(ip).setHostname(hostname).addAllTags(List.of(tags)).build())
			.getEntry();
	}

	List<HostEntry> list(ListHostsRequest request) {
		List<HostEntry> entries = new ArrayList<>();
		blocking().listHosts(request).forEachRemaining((response) -> entries.add(response.getEntry()));
		return entries;
	}

	List<HostEntry> listAll() {
		return list(ListHostsRequest.getDefaultInstance());
	}

	byte[] export(String format) {
		ByteString.Output out = ByteString.newOutput();
		blocking().exportHosts(ExportHostsRequest.newBuilder().setFormat(format).build())
			.forEachRemaining((ExportHostsResponse chunk) -> out.write(chunk.getChunk().toByteArray(), 0, chunk.getChunk().size()));
		return out.toByteString().toByteArray();
	}

	/** Sends the document in chunks of 1000 bytes; returns every response and the final status. */
	ImportResult importHosts(byte[] document, String format, String mode, boolean force, long deadlineMillis) {
		ImportCall call = startImport(document, format, mode, force, deadlineMillis);
		Status status = call.await();
		return new ImportResult(call.responses(), status);
	}

	/** Sends the document in chunks of 1000 bytes and returns at once; the import goes on. */
	ImportCall startImport(byte[] document, String format, String mode, boolean force, long deadlineMillis) {
		return ImportCall.start(this.channel, document, 1000, format, mode, force, Duration.ofMillis(deadlineMillis));
	}

	/** What an import answered. */
	record ImportResult(List<ImportHostsResponse> responses, Status status) {

		ImportHostsResponse last() {
			return this.responses.get(this.responses.size() - 1);
		}

	}

}
