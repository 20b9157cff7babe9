package dev.vigil.doors.grpc;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.security.GrpcMethods;

/**
 * Requests refused because their messages could not be read (not a valid message of their type,
 * over the size limit, cut off mid-way): the caller's mistake, never the server's. Each is counted
 * in {@code vigil.grpc.requests.malformed} (by method and kind), and one WARN line without a stack
 * trace says so, naming what the method is ({@link GrpcMethods}), at most once a minute per caller,
 * with how many went unlogged since.
 */
class RefusedRequestLog {

	private static final Logger logger = LoggerFactory.getLogger(RefusedRequestLog.class);

	/** How often one caller's refused requests are logged at most; the rest are counted in the next line. */
	static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

	/** Callers remembered for the rate limit; past it the one heard from least recently is forgotten. */
	static final int MAX_CALLERS = 1_000;

	/** Why a request could not be read. */
	enum Kind {

		/** Not a valid message of the method's request type. */
		MALFORMED("malformed"),

		/** Over the server's inbound message size limit. */
		TOO_LARGE("too_large"),

		/** The stream ended in the middle of a message. */
		TRUNCATED("truncated");

		private final String tag;

		Kind(String tag) {
			this.tag = tag;
		}

	}

	private final MeterRegistry meters;

	private final LongSupplier nanoTime;

	/** Each caller's last logged line and the count since; least recently heard from first. */
	private final Map<String, long[]> callers = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
			return size() > MAX_CALLERS;
		}

	};

	RefusedRequestLog(MeterRegistry meters, LongSupplier nanoTime) {
		this.meters = meters;
		this.nanoTime = nanoTime;
	}

	/** Counts a refused request, and logs it unless this caller was logged within the interval. */
	void refused(Kind kind, String method, String detail, String caller, SocketAddress peer) {
		Counter.builder("vigil.grpc.requests.malformed")
			.description("gRPC requests whose message could not be read: malformed, too large or cut off")
			.tag("method", method)
			.tag("kind", kind.tag)
			.register(this.meters)
			.increment();
		long suppressed = takeTurn(caller);
		if (suppressed >= 0) {
			logger.warn("grpc.request.malformed method={} rpc={} kind={} detail=\"{}\" caller={} peer={} suppressedSinceLast={}",
					method, GrpcMethods.kindOf(method).map((rpc) -> rpc.name().toLowerCase(Locale.ROOT)).orElse("undeclared"),
					kind.tag, detail, caller, peer, suppressed);
		}
	}

	/** How many of this caller's went unlogged since its last line, when this one may be logged; else -1. */
	private synchronized long takeTurn(String caller) {
		long now = this.nanoTime.getAsLong();
		long[] last = this.callers.get(caller);
		if (last != null && now - last[0] < LOG_INTERVAL.toNanos()) {
			last[1]++;
			return -1;
		}
		long suppressed = (last != null) ? last[1] : 0;
		this.callers.put(caller, new long[] { now, 0 });
		return suppressed;
	}

}
