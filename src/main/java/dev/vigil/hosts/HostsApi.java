package dev.vigil.hosts;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.AddHostResponse;
import dev.vigil.api.routerhosts.v1.CompactAggregatesRequest;
import dev.vigil.api.routerhosts.v1.CompactAggregatesResponse;
import dev.vigil.api.routerhosts.v1.DeleteHostRequest;
import dev.vigil.api.routerhosts.v1.DeleteHostResponse;
import dev.vigil.api.routerhosts.v1.ExportHostsRequest;
import dev.vigil.api.routerhosts.v1.ExportHostsResponse;
import dev.vigil.api.routerhosts.v1.GetHostRequest;
import dev.vigil.api.routerhosts.v1.GetHostResponse;
import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.ImportHostsRequest;
import dev.vigil.api.routerhosts.v1.ImportHostsResponse;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.api.routerhosts.v1.ListHostsResponse;
import dev.vigil.api.routerhosts.v1.SearchHostsRequest;
import dev.vigil.api.routerhosts.v1.SearchHostsResponse;
import dev.vigil.api.routerhosts.v1.UpdateHostRequest;
import dev.vigil.api.routerhosts.v1.UpdateHostResponse;
import dev.vigil.api.routerhosts.v1.WatchHostsRequest;
import dev.vigil.hosts.entries.Host;
import dev.vigil.hosts.entries.HostsException;
import dev.vigil.hosts.formats.HostsFormat;
import dev.vigil.hosts.registry.HostsImporter;
import dev.vigil.hosts.registry.HostsRegistry;
import dev.vigil.hosts.rpc.ExportChunks;
import dev.vigil.hosts.rpc.GrpcErrors;
import dev.vigil.hosts.rpc.HostMessages;
import dev.vigil.hosts.rpc.ImportHostsCall;
import dev.vigil.hosts.rpc.RpcReplies;
import dev.vigil.hosts.rpc.WatchHostsMethod;
import dev.vigil.hosts.store.HostPages;
import dev.vigil.hosts.store.HostQuery;

/**
 * The host RPCs of {@code router_hosts.v1.HostsService}, answered from the registry: the hosts
 * component's API. The gRPC door binds the service, these beside its own health RPCs.
 */
public class HostsApi {

	private static final String NO_EVENT_HISTORY = "CompactAggregates is not implemented: Vigil keeps no per-entry "
			+ "event history to compact. host_entries holds each entry's current state, and host_changes one row per "
			+ "committed change (not per entry), pruned to vigil.hosts.changes.retained";

	private final HostsRegistry registry;

	private final HostsImporter importer;

	private final HostsProperties properties;

	private final WatchHostsMethod watchHosts;

	HostsApi(HostsRegistry registry, HostsImporter importer, HostsProperties properties, WatchHostsMethod watchHosts) {
		this.registry = registry;
		this.importer = importer;
		this.properties = properties;
		this.watchHosts = watchHosts;
	}

	public void addHost(AddHostRequest request, StreamObserver<AddHostResponse> responses) {
		RpcReplies.unary("AddHost", responses, () -> {
			Host host = this.registry.add(HostMessages.fields(request), GrpcErrors.checkpoint());
			return AddHostResponse.newBuilder().setId(host.id()).setEntry(HostMessages.entry(host)).build();
		});
	}

	public void getHost(GetHostRequest request, StreamObserver<GetHostResponse> responses) {
		RpcReplies.unary("GetHost", responses, () -> GetHostResponse.newBuilder()
			.setEntry(HostMessages.entry(this.registry.get(request.getId())))
			.build());
	}

	public void updateHost(UpdateHostRequest request, StreamObserver<UpdateHostResponse> responses) {
		RpcReplies.unary("UpdateHost", responses, () -> UpdateHostResponse.newBuilder()
			.setEntry(HostMessages.entry(
					this.registry.update(request.getId(), HostMessages.update(request), GrpcErrors.checkpoint())))
			.build());
	}

	public void deleteHost(DeleteHostRequest request, StreamObserver<DeleteHostResponse> responses) {
		RpcReplies.unary("DeleteHost", responses, () -> {
			this.registry.delete(request.getId(),
					request.hasExpectedVersion() ? Optional.of(request.getExpectedVersion()) : Optional.empty(),
					GrpcErrors.checkpoint());
			return DeleteHostResponse.newBuilder().setSuccess(true).build();
		});
	}

	public void listHosts(ListHostsRequest request, StreamObserver<ListHostsResponse> responses) {
		RpcReplies.stream("ListHosts", responses, () -> {
			if (request.getLimit() < 0 || request.getOffset() < 0) {
				throw HostsException.invalid(request.getLimit() < 0 ? "limit" : "offset", "must not be negative");
			}
			HostQuery query = request.hasFilter() ? HostQuery.filter(request.getFilter()) : HostQuery.all();
			return entries(new HostPages(this.registry::page, query, request.getOffset(), request.getLimit(),
					this.properties.pageSize()), (host) -> ListHostsResponse.newBuilder().setEntry(host).build());
		});
	}

	public void searchHosts(SearchHostsRequest request, StreamObserver<SearchHostsResponse> responses) {
		RpcReplies.stream("SearchHosts", responses, () -> entries(
				new HostPages(this.registry::page, HostQuery.search(request.getQuery()), 0, 0, this.properties.pageSize()),
				(host) -> SearchHostsResponse.newBuilder().setEntry(host).build()));
	}

	public void exportHosts(ExportHostsRequest request, StreamObserver<ExportHostsResponse> responses) {
		RpcReplies.stream("ExportHosts", responses, () -> new ExportChunks(
				HostsFormat.named(request.getFormat(), HostsFormat.HOSTS).codec(),
				new HostPages(this.registry::page, HostQuery.all(), 0, 0, this.properties.pageSize()),
				(int) this.properties.exportChunkSize().toBytes()));
	}

	public StreamObserver<ImportHostsRequest> importHosts(StreamObserver<ImportHostsResponse> responses) {
		return new ImportHostsCall(this.importer, responses, this.properties.importMaxSize().toBytes());
	}

	/**
	 * WatchHosts, to bind in place of the generated method: its responses are encoded once per
	 * shared snapshot. Each call's sink status is recorded against {@code caller}, the
	 * authenticated identity, read as the call starts.
	 */
	public ServerMethodDefinition<WatchHostsRequest, ?> watchHostsMethod(Supplier<String> caller) {
		return this.watchHosts.bind(caller);
	}

	/**
	 * CompactAggregates: UNIMPLEMENTED, saying why. The public contract folds each entry's event
	 * log into one event; Vigil stores no per-entry events, so there is nothing to fold, and a
	 * response reporting a compaction would pretend.
	 */
	public void compactAggregates(CompactAggregatesRequest request, StreamObserver<CompactAggregatesResponse> responses) {
		responses.onError(Status.UNIMPLEMENTED.withDescription(NO_EVENT_HISTORY).asRuntimeException());
	}

	private static <T> Supplier<List<T>> entries(Supplier<List<Host>> pages,
			Function<HostEntry, T> wrap) {
		return () -> HostMessages.messages(pages.get(), wrap);
	}

}
