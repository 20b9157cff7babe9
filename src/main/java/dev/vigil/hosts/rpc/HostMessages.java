package dev.vigil.hosts.rpc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.google.protobuf.Timestamp;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.UpdateHostRequest;
import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostFields;
import dev.vigil.hosts.registry.HostsException;
import dev.vigil.hosts.registry.HostUpdate;

/**
 * Converts between {@code router_hosts.v1} messages and the registry's records.
 */
final class HostMessages {

	/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the range of {@code google.protobuf.Timestamp}. */
	private static final long FIRST_SECOND = -62_135_596_800L;

	private static final long LAST_SECOND = 253_402_300_799L;

	private HostMessages() {
	}

	public static HostEntry entry(Host host) {
		HostFields fields = host.fields();
		HostEntry.Builder entry = HostEntry.newBuilder()
			.setId(host.id())
			.setIpAddress(fields.ipAddress())
			.setHostname(fields.hostname())
			.setCreatedAt(timestamp(host.createdAt()))
			.setUpdatedAt(timestamp(host.updatedAt()))
			.setVersion(host.versionText());
		// Skipped when empty: adding an empty list still costs a copy, per entry of every stream.
		if (!fields.aliases().isEmpty()) {
			entry.addAllAliases(fields.aliases());
		}
		if (!fields.tags().isEmpty()) {
			entry.addAllTags(fields.tags());
		}
		if (fields.comment() != null) {
			entry.setComment(fields.comment());
		}
		return entry.build();
	}

	/**
	 * A page of entries as the messages of a stream; a loop, not a stream pipeline, as this runs
	 * for every entry every stream sends.
	 */
	public static <T> List<T> messages(List<Host> page, Function<HostEntry, T> wrap) {
		List<T> messages = new ArrayList<>(page.size());
		for (Host host : page) {
			messages.add(wrap.apply(entry(host)));
		}
		return messages;
	}

	public static HostFields fields(AddHostRequest request) {
		return new HostFields(request.getIpAddress(), request.getHostname(), request.getAliasesList(),
				request.hasComment() ? request.getComment() : null, request.getTagsList());
	}

	public static HostUpdate update(UpdateHostRequest request) {
		return new HostUpdate(request.hasIpAddress() ? Optional.of(request.getIpAddress()) : Optional.empty(),
				request.hasHostname() ? Optional.of(request.getHostname()) : Optional.empty(),
				request.hasComment() ? Optional.of(request.getComment()) : Optional.empty(),
				request.hasAliases() ? Optional.of(request.getAliases().getValuesList()) : Optional.empty(),
				request.hasTags() ? Optional.of(request.getTags().getValuesList()) : Optional.empty(),
				request.hasExpectedVersion() ? Optional.of(request.getExpectedVersion()) : Optional.empty());
	}

	/** An unsigned wire value as an int; past the int range it means "all", as far as any list or page goes. */
	public static int unsigned(int value) {
		return (int) Math.min(Integer.toUnsignedLong(value), Integer.MAX_VALUE);
	}

	/**
	 * A timestamp a request sent; INVALID_ARGUMENT naming {@code field} outside the range the
	 * protobuf type allows (years 1 to 9999), where it would also overflow the database's microseconds.
	 */
	public static Instant instant(String field, Timestamp timestamp) {
		if (timestamp.getSeconds() < FIRST_SECOND || timestamp.getSeconds() > LAST_SECOND || timestamp.getNanos() < 0
				|| timestamp.getNanos() > 999_999_999) {
			throw HostsException.invalid(field, "is not a valid timestamp");
		}
		return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
	}

	public static Timestamp timestamp(Instant instant) {
		return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
	}

}
