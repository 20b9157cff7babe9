package dev.vigil.doors.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.CompactAggregatesRequest;
import dev.vigil.api.routerhosts.v1.CreateSnapshotRequest;
import dev.vigil.api.routerhosts.v1.DeleteHostRequest;
import dev.vigil.api.routerhosts.v1.DeleteSnapshotRequest;
import dev.vigil.api.routerhosts.v1.ExportHostsRequest;
import dev.vigil.api.routerhosts.v1.GetHostRequest;
import dev.vigil.api.routerhosts.v1.HealthRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ImportHostsRequest;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.api.routerhosts.v1.ListHostsResponse;
import dev.vigil.api.routerhosts.v1.ListSnapshotsRequest;
import dev.vigil.api.routerhosts.v1.LivenessRequest;
import dev.vigil.api.routerhosts.v1.ReadinessRequest;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotRequest;
import dev.vigil.api.routerhosts.v1.SearchHostsRequest;
import dev.vigil.api.routerhosts.v1.UpdateHostRequest;
import dev.vigil.api.routerhosts.v1.WatchHostsRequest;
import dev.vigil.api.v1.CancelRequest;
import dev.vigil.api.v1.EntryHistoryRequest;
import dev.vigil.api.v1.HostHistoryGrpc;
import dev.vigil.api.v1.InferRequest;
import dev.vigil.api.v1.InferenceServiceGrpc;
import dev.vigil.api.v1.ListChangesRequest;
import dev.vigil.api.v1.ListModelsRequest;
import dev.vigil.api.v1.LoadModelRequest;
import dev.vigil.api.v1.UnloadModelRequest;
import dev.vigil.health.HealthEvaluator;
import dev.vigil.hosts.HostsHealthComponents;
import dev.vigil.hosts.registry.HostsRegistry;
import dev.vigil.testing.CapturedLog;
import dev.vigil.testing.Doors;
import dev.vigil.testing.FuzzSeeds;
import dev.vigil.testing.RawCalls;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bytes no one on the team wrote, sent to every RPC of every service over a real channel: valid
 * requests mutated (bits flipped, cut short, bytes inserted, fields of the wrong wire type
 * appended, or noise). Whatever comes in, each answer has a status other than UNKNOWN or INTERNAL,
 * readiness never changes, a refused call leaves the registry and the hosts file as they were, and
 * the log holds no stack trace. Seeds are fixed plus one new each run; a failure names its seed,
 * and {@code -Dvigil.fuzz.seed=N} runs that one alone.
 */
@VigilTest
class GrpcDoorFuzzTest {

	private static final long[] FIXED_SEEDS = { 20261204L, 0x5EEDL };

	/** Mutated requests per method and seed. */
	private static final int MUTATIONS = 8;

	@Autowired
	ApplicationContext context;

	@Autowired
	HealthEvaluator evaluator;

	@Autowired
	HostsRegistry registry;

	@Value("${vigil.hosts.file.path}")
	Path hostsFile;

	private CapturedLog logged;

	private Doors doors;

	@BeforeEach
	void open() {
		this.doors = Doors.of(this.context);
		this.logged = CapturedLog.root();
	}

	@AfterEach
	void close() throws InterruptedException {
		this.logged.close();
		this.doors.close();
	}

	@Test
	void everyRpcAnswersMutatedBytesWithTheCallersStatusAndChangesNothingItRefuses() {
		boolean ready = readiness();
		for (long seed : FuzzSeeds.of(FIXED_SEEDS)) {
			fuzz(seed, ready);
		}
		assertThat(this.logged.events().stream().filter((event) -> event.getThrowableProxy() != null).map(
				ILoggingEvent::getFormattedMessage)).as("log lines with a stack trace").isEmpty();
		assertThat(this.logged.events()
			.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR))
			.map(ILoggingEvent::getFormattedMessage)).as("ERROR lines").isEmpty();
	}

	private void fuzz(long seed, boolean ready) {
		Random random = new Random(seed);
		State before = settledState();
		for (Target target : targets()) {
			for (int i = 0; i < MUTATIONS; i++) {
				byte[] mutated = Mutation.values()[random.nextInt(Mutation.values().length)].apply(target.valid(), random);
				Status status = call(target.method(), mutated);
				assertThat(status.getCode()).as("seed %d, %s, bytes %s: %s", seed, target.method().getFullMethodName(),
						hex(mutated), status)
					.isNotIn(Status.Code.UNKNOWN, Status.Code.INTERNAL);
				if (!status.isOk() && target.writes()) {
					assertThat(state()).as("seed %d, %s refused %s: registry and hosts file", seed,
							target.method().getFullMethodName(), status.getCode()).isEqualTo(before);
				}
				else if (status.isOk() && target.writes()) {
					before = settledState();
				}
				assertThat(readiness()).as("seed %d: readiness", seed).isEqualTo(ready);
			}
		}
	}

	/** One call with raw bytes as its request, ended by a short deadline for streams that do not end. */
	private Status call(MethodDescriptor<?, ?> method, byte[] request) {
		MethodDescriptor<byte[], byte[]> raw = RawCalls.of(method);
		ManagedChannel channel = this.doors.channel();
		// A stream that does not end by itself (WatchHosts, Health/Watch) is cut by the deadline.
		boolean endless = method.getFullMethodName().equals(HostsServiceGrpc.getWatchHostsMethod().getFullMethodName())
				|| method.getFullMethodName().equals(HealthGrpc.getWatchMethod().getFullMethodName());
		ClientCall<byte[], byte[]> call = channel.newCall(raw,
				CallOptions.DEFAULT.withDeadlineAfter(endless ? 300 : 5000, TimeUnit.MILLISECONDS));
		StatusListener listener = new StatusListener();
		call.start(listener, new Metadata());
		call.request(Integer.MAX_VALUE);
		call.sendMessage(request);
		call.halfClose();
		return listener.await();
	}

	private boolean readiness() {
		return this.evaluator.requiredGroup(HealthEvaluator.READINESS).serving();
	}

	/** The state once the hosts file shows the newest change: a render follows a write a little later. */
	private State settledState() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.newestChange().id().equals(renderedChange()));
		return state();
	}

	private Object renderedChange() {
		return this.evaluator.overall()
			.components()
			.stream()
			.filter((component) -> component.name().equals(HostsHealthComponents.HOSTS_FILE))
			.findFirst()
			.map((component) -> component.details().get("renderedChangeId"))
			.orElse(null);
	}

	private State state() {
		List<String> entries = new ArrayList<>();
		Iterator<ListHostsResponse> listed = HostsServiceGrpc.newBlockingStub(this.doors.channel())
			.listHosts(ListHostsRequest.getDefaultInstance());
		listed.forEachRemaining((response) -> entries.add(response.getEntry().toString()));
		try {
			return new State(entries, Files.exists(this.hostsFile) ? Files.readString(this.hostsFile) : "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String hex(byte[] bytes) {
		StringBuilder hex = new StringBuilder();
		for (int i = 0; i < Math.min(bytes.length, 64); i++) {
			hex.append(String.format("%02x", bytes[i]));
		}
		return hex + ((bytes.length > 64) ? "… (" + bytes.length + " bytes)" : "");
	}

	/** Every RPC of every service, each with one valid request to mutate. */
	private static List<Target> targets() {
		String id = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
		return List.of(new Target(HostsServiceGrpc.getLivenessMethod(), LivenessRequest.getDefaultInstance(), false),
				new Target(HostsServiceGrpc.getReadinessMethod(), ReadinessRequest.getDefaultInstance(), false),
				new Target(HostsServiceGrpc.getHealthMethod(), HealthRequest.getDefaultInstance(), false),
				new Target(HostsServiceGrpc.getAddHostMethod(), AddHostRequest.newBuilder()
					.setIpAddress("10.20.30.40")
					.setHostname("fuzz.example")
					.addAliases("fz")
					.addTags("t")
					.setComment("c")
					.build(), true),
				new Target(HostsServiceGrpc.getGetHostMethod(), GetHostRequest.newBuilder().setId(id).build(), false),
				new Target(HostsServiceGrpc.getUpdateHostMethod(),
						UpdateHostRequest.newBuilder().setId(id).setHostname("other.example").build(), true),
				new Target(HostsServiceGrpc.getDeleteHostMethod(), DeleteHostRequest.newBuilder().setId(id).build(), true),
				new Target(HostsServiceGrpc.getListHostsMethod(), ListHostsRequest.newBuilder().setFilter("tag:t fuzz").build(),
						false),
				new Target(HostsServiceGrpc.getSearchHostsMethod(), SearchHostsRequest.newBuilder().setQuery("fuzz").build(),
						false),
				new Target(HostsServiceGrpc.getExportHostsMethod(), ExportHostsRequest.newBuilder().setFormat("csv").build(),
						false),
				new Target(HostsServiceGrpc.getImportHostsMethod(), ImportHostsRequest.newBuilder()
					.setChunk(ByteString.copyFromUtf8("10.1.2.3 imported.example\n"))
					.setLastChunk(true)
					.setFormat("hosts")
					.build(), true),
				new Target(HostsServiceGrpc.getWatchHostsMethod(), WatchHostsRequest.getDefaultInstance(), false),
				new Target(HostsServiceGrpc.getCreateSnapshotMethod(), CreateSnapshotRequest.newBuilder().setName("s").build(),
						false),
				new Target(HostsServiceGrpc.getListSnapshotsMethod(), ListSnapshotsRequest.newBuilder().setLimit(5).build(),
						false),
				new Target(HostsServiceGrpc.getRollbackToSnapshotMethod(),
						RollbackToSnapshotRequest.newBuilder().setSnapshotId(id).build(), true),
				new Target(HostsServiceGrpc.getDeleteSnapshotMethod(), DeleteSnapshotRequest.newBuilder().setSnapshotId(id).build(),
						false),
				new Target(HostsServiceGrpc.getCompactAggregatesMethod(),
						CompactAggregatesRequest.newBuilder().setAggregateId(id).build(), false),
				new Target(HostHistoryGrpc.getEntryHistoryMethod(),
						EntryHistoryRequest.newBuilder().setId(id).setPageSize(10).build(), false),
				new Target(HostHistoryGrpc.getListChangesMethod(),
						ListChangesRequest.newBuilder().setCaller("anonymous").setPageSize(10).build(), false),
				new Target(HealthGrpc.getCheckMethod(), HealthCheckRequest.newBuilder().setService("readiness").build(), false),
				new Target(HealthGrpc.getWatchMethod(), HealthCheckRequest.newBuilder().setService("liveness").build(), false),
				new Target(InferenceServiceGrpc.getInferMethod(), InferRequest.newBuilder().setModel("absent").build(), false),
				new Target(InferenceServiceGrpc.getCancelMethod(), CancelRequest.newBuilder().setRequestId("r").build(), false),
				new Target(InferenceServiceGrpc.getListModelsMethod(), ListModelsRequest.getDefaultInstance(), false),
				new Target(InferenceServiceGrpc.getLoadModelMethod(), LoadModelRequest.newBuilder().setName("absent").build(),
						false),
				new Target(InferenceServiceGrpc.getUnloadModelMethod(),
						UnloadModelRequest.newBuilder().setName("absent").build(), false));
	}

	/**
	 * An RPC and a valid request for it.
	 *
	 * @param writes whether a call that succeeds may change the registry (a refused one never may)
	 */
	private record Target(MethodDescriptor<?, ?> method, Message request, boolean writes) {

		byte[] valid() {
			return this.request.toByteArray();
		}

	}

	private record State(List<String> entries, String hostsFile) {
	}

	/** Ways to spoil a valid message. */
	private enum Mutation {

		FLIP_BIT {
			@Override
			byte[] apply(byte[] valid, Random random) {
				byte[] bytes = valid.clone();
				if (bytes.length > 0) {
					bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
				}
				return bytes;
			}
		},
		TRUNCATE {
			@Override
			byte[] apply(byte[] valid, Random random) {
				return Arrays.copyOf(valid, (valid.length == 0) ? 0 : random.nextInt(valid.length));
			}
		},
		INSERT {
			@Override
			byte[] apply(byte[] valid, Random random) {
				int at = random.nextInt(valid.length + 1);
				byte[] inserted = new byte[1 + random.nextInt(8)];
				random.nextBytes(inserted);
				byte[] bytes = new byte[valid.length + inserted.length];
				System.arraycopy(valid, 0, bytes, 0, at);
				System.arraycopy(inserted, 0, bytes, at, inserted.length);
				System.arraycopy(valid, at, bytes, at + inserted.length, valid.length - at);
				return bytes;
			}
		},
		/** A known field number with another wire type, or a length running past the end. */
		WRONG_WIRE_TYPE {
			@Override
			byte[] apply(byte[] valid, Random random) {
				int field = 1 + random.nextInt(6);
				byte[][] tails = { { (byte) (field << 3 | 2), 0x7F, 0x01 }, { (byte) (field << 3 | 5), 0x01 },
						{ (byte) (field << 3 | 3) }, { (byte) (field << 3 | 0), (byte) 0xFF, (byte) 0xFF },
						{ (byte) (field << 3 | 7), 0x00 } };
				byte[] tail = tails[random.nextInt(tails.length)];
				byte[] bytes = Arrays.copyOf(valid, valid.length + tail.length);
				System.arraycopy(tail, 0, bytes, valid.length, tail.length);
				return bytes;
			}
		},
		NOISE {
			@Override
			byte[] apply(byte[] valid, Random random) {
				byte[] bytes = new byte[random.nextInt(64)];
				random.nextBytes(bytes);
				return bytes;
			}
		};

		abstract byte[] apply(byte[] valid, Random random);

	}

	/** Waits for the call's end and gives its status. */
	private static final class StatusListener extends ClientCall.Listener<byte[]> {

		private final CompletableFuture<Status> closed = new CompletableFuture<>();

		@Override
		public void onClose(Status status, Metadata trailers) {
			this.closed.complete(status);
		}

		Status await() {
			try {
				return this.closed.get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("no answer in 10 s", ex);
			}
		}

	}

}
