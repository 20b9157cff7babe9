package dev.vigil.hosts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.ExportHostsRequest;
import dev.vigil.api.routerhosts.v1.ExportHostsResponse;
import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ImportHostsRequest;
import dev.vigil.api.routerhosts.v1.ImportHostsResponse;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;

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
		return startImport(document, format, mode, force, deadlineMillis).result();
	}

	/** Sends the document in chunks of 1000 bytes and returns at once; the import goes on. */
	PendingImport startImport(byte[] document, String format, String mode, boolean force, long deadlineMillis) {
		CompletableFuture<Status> done = new CompletableFuture<>();
		CompletableFuture<ImportHostsResponse> first = new CompletableFuture<>();
		List<ImportHostsResponse> responses = new CopyOnWriteArrayList<>();
		StreamObserver<ImportHostsRequest> requests = HostsServiceGrpc.newStub(this.channel)
			.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
			.importHosts(new StreamObserver<>() {
				@Override
				public void onNext(ImportHostsResponse response) {
					responses.add(response);
					first.complete(response);
				}

				@Override
				public void onError(Throwable error) {
					done.complete(Status.fromThrowable(error));
				}

				@Override
				public void onCompleted() {
					done.complete(Status.OK);
				}
			});
		int chunk = 1000;
		for (int start = 0; start < document.length || start == 0; start += chunk) {
			int end = Math.min(document.length, start + chunk);
			ImportHostsRequest.Builder request = ImportHostsRequest.newBuilder()
				.setChunk(ByteString.copyFrom(document, start, end - start))
				.setLastChunk(end == document.length);
			if (start == 0) {
				request.setFormat(format).setConflictMode(mode).setForce(force);
			}
			requests.onNext(request.build());
			if (end == document.length) {
				break;
			}
		}
		requests.onCompleted();
		return new PendingImport(first, done, responses);
	}

	/** An import under way: its first response (progress, or the answer) and, in the end, its result. */
	record PendingImport(CompletableFuture<ImportHostsResponse> firstResponse, CompletableFuture<Status> done,
			List<ImportHostsResponse> responses) {

		ImportResult result() {
			return new ImportResult(this.responses, this.done.orTimeout(60, TimeUnit.SECONDS).join());
		}

	}

	/** What an import answered. */
	record ImportResult(List<ImportHostsResponse> responses, Status status) {

		ImportHostsResponse last() {
			return this.responses.get(this.responses.size() - 1);
		}

	}

}
