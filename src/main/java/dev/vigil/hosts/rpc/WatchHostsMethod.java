package dev.vigil.hosts.rpc;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import io.grpc.ServerMethodDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.WatchHostsRequest;
import dev.vigil.hosts.registry.ChangeFeed;
import dev.vigil.hosts.registry.HostsRegistry;

/**
 * WatchHosts as a gRPC method: the generated one's name, request type and schema, with responses
 * that go out as they were encoded, so the followers of one shared snapshot are sent the same
 * bytes. On the wire it is the same method; only the server's marshalling differs.
 */
final class WatchHostsMethod {

	private final SharedSnapshots shared;

	private final HostsRegistry registry;

	private final int pageSize;

	private final ChangeFeed feed;

	private final SinkRegistry sinks;

	private final FollowerThread thread;

	private final Duration coalesceDelay;

	private final Clock clock;

	private final ObservationRegistry observations;

	public WatchHostsMethod(SharedSnapshots shared, HostsRegistry registry, int pageSize, ChangeFeed feed,
			SinkRegistry sinks, FollowerThread thread, Duration coalesceDelay, Clock clock,
			ObservationRegistry observations) {
		this.shared = shared;
		this.registry = registry;
		this.pageSize = pageSize;
		this.feed = feed;
		this.sinks = sinks;
		this.thread = thread;
		this.coalesceDelay = coalesceDelay;
		this.clock = clock;
		this.observations = observations;
	}

	/**
	 * The method, each call recorded against {@code caller}, which is read in the call's context
	 * as it starts.
	 */
	public ServerMethodDefinition<WatchHostsRequest, ?> bind(Supplier<String> caller) {
		return ServerMethodDefinition.create(
				HostsServiceGrpc.getWatchHostsMethod()
					.toBuilder(ProtoUtils.marshaller(WatchHostsRequest.getDefaultInstance()), EncodedResponse.MARSHALLER)
					.build(),
				ServerCalls.asyncBidiStreamingCall((responses) -> new WatchHostsCall(caller.get(), responses,
						new WatchSnapshots(this.shared, this.registry, this.pageSize, this.clock, this.observations),
						this.feed,
						this.sinks, this.thread, this.coalesceDelay, this.clock)));
	}

}
