package dev.vigil.doors.grpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ImportHostsRequest;
import dev.vigil.api.routerhosts.v1.ImportHostsResponse;
import dev.vigil.testing.CapturedLog;
import dev.vigil.testing.Doors;
import dev.vigil.testing.TruncatedGrpcCall;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages the transport refuses before any handler sees them, sent to a real Vigil: a 20 MB
 * ImportHosts message (over the inbound size limit) and a stream cut in the middle of a message.
 * Each is the caller's mistake: the right status, a count by kind, one WARN line of the door's per
 * caller and minute without a stack trace, and nothing else logged with one (grpc-netty writes
 * thirteen lines of stack trace for each unless silenced).
 */
@VigilTest
class TransportRefusalsTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	MeterRegistry meters;

	private CapturedLog logged;

	@BeforeEach
	void capture() {
		this.logged = CapturedLog.root();
	}

	@AfterEach
	void release() {
		this.logged.close();
	}

	@Test
	void oversizedAndCutMessagesAreTheCallersMistakeCountedAndLoggedInOneLineWithoutAStackTrace() throws Exception {
		try (Doors doors = Doors.of(this.context)) {
			byte[] answer = TruncatedGrpcCall.send(doors.grpcPort(), "/router_hosts.v1.HostsService/AddHost",
					Duration.ofSeconds(2));
			assertThat(new String(answer, StandardCharsets.ISO_8859_1)).as("the server's trailers")
				.contains("grpc-status\u000213")
				.contains("Encountered end-of-stream mid-frame");
			await().atMost(Duration.ofSeconds(10)).until(() -> !lines("truncated").isEmpty());

			assertThat(importOneMessage(doors, 20 << 20).getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
			await().atMost(Duration.ofSeconds(10)).until(() -> count("too_large") == 1);

			assertThat(count("truncated")).isEqualTo(1);
			assertThat(lines("truncated")).singleElement()
				.asString()
				.startsWith("grpc.request.malformed method=router_hosts.v1.HostsService/AddHost rpc=write kind=truncated "
						+ "detail=\"Encountered end-of-stream mid-frame\" caller=anonymous peer=/127.0.0.1:");
			assertThat(lines("too_large")).as("the same caller within the minute: counted, not logged again").isEmpty();
			assertThat(this.logged.events()).as("nothing logged with a stack trace")
				.allSatisfy((event) -> assertThat(event.getThrowableProxy()).isNull());
		}
	}

	private static StatusRuntimeException importOneMessage(Doors doors, int size) throws InterruptedException {
		CountDownLatch ended = new CountDownLatch(1);
		AtomicReference<Throwable> error = new AtomicReference<>();
		StreamObserver<ImportHostsRequest> requests = HostsServiceGrpc.newStub(doors.channel())
			.withDeadlineAfter(30, TimeUnit.SECONDS)
			.importHosts(new StreamObserver<ImportHostsResponse>() {

				@Override
				public void onNext(ImportHostsResponse response) {
				}

				@Override
				public void onError(Throwable failure) {
					error.set(failure);
					ended.countDown();
				}

				@Override
				public void onCompleted() {
					ended.countDown();
				}

			});
		requests.onNext(ImportHostsRequest.newBuilder().setChunk(ByteString.copyFrom(new byte[size])).build());
		requests.onCompleted();
		assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(error.get()).isInstanceOf(StatusRuntimeException.class);
		return (StatusRuntimeException) error.get();
	}

	private double count(String kind) {
		Counter counter = this.meters.find("vigil.grpc.requests.malformed").tag("kind", kind).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private List<String> lines(String kind) {
		return this.logged.lines().stream().filter((line) -> line.startsWith("grpc.request.malformed") && line.contains("kind=" + kind)).toList();
	}

}
