package dev.vigil.hosts.rpc;

import java.util.Optional;

import io.grpc.stub.StreamObserver;

import dev.vigil.api.v1.EntryHistoryRequest;
import dev.vigil.api.v1.HistoryPage;
import dev.vigil.api.v1.HostHistoryGrpc;
import dev.vigil.api.v1.ListChangesRequest;
import dev.vigil.hosts.history.HistoryEvent;
import dev.vigil.hosts.history.HistoryQuery;
import dev.vigil.hosts.history.HostHistory;
import dev.vigil.hosts.registry.FieldChange;
import dev.vigil.hosts.registry.HistoryOperation;
import dev.vigil.hosts.registry.HostsException;

/**
 * {@code vigil.v1.HostHistory}: each entry's history and the changes since a point, read from the
 * registry's history; nothing here writes.
 */
class HostHistoryGrpcService extends HostHistoryGrpc.HostHistoryImplBase {

	/** The wire's operations are the registry's, each with this prefix. */
	private static final String OPERATION_PREFIX = "HISTORY_OPERATION_";

	private final HostHistory history;

	HostHistoryGrpcService(HostHistory history) {
		this.history = history;
	}

	@Override
	public void entryHistory(EntryHistoryRequest request, StreamObserver<HistoryPage> responses) {
		RpcReplies.unary("EntryHistory", responses, () -> page(
				this.history.entry(request.getId(), request.getPageToken(), HostMessages.unsigned(request.getPageSize()))));
	}

	@Override
	public void listChanges(ListChangesRequest request, StreamObserver<HistoryPage> responses) {
		RpcReplies.unary("ListChanges", responses, () -> {
			HistoryQuery query = new HistoryQuery(
					request.hasSinceChangeId() ? Optional.of(request.getSinceChangeId()) : Optional.empty(),
					request.hasSinceTime() ? Optional.of(HostMessages.instant("since_time", request.getSinceTime()))
							: Optional.empty(),
					request.getCaller().isEmpty() ? Optional.empty() : Optional.of(request.getCaller()),
					operation(request.getOperation()));
			return page(this.history.changes(query, request.getPageToken(), HostMessages.unsigned(request.getPageSize())));
		});
	}

	private static Optional<HistoryOperation> operation(dev.vigil.api.v1.HistoryOperation operation) {
		if (operation == dev.vigil.api.v1.HistoryOperation.UNRECOGNIZED) {
			throw HostsException.invalid("operation", "is not an operation this server knows");
		}
		if (operation == dev.vigil.api.v1.HistoryOperation.HISTORY_OPERATION_UNSPECIFIED) {
			return Optional.empty();
		}
		return Optional.of(HistoryOperation.valueOf(operation.name().substring(OPERATION_PREFIX.length())));
	}

	private static HistoryPage page(dev.vigil.hosts.history.HistoryPage page) {
		HistoryPage.Builder message = HistoryPage.newBuilder().setNextPageToken(page.nextPageToken());
		page.events().forEach((event) -> message.addEvents(event(event)));
		return message.build();
	}

	private static dev.vigil.api.v1.HistoryEvent event(HistoryEvent event) {
		dev.vigil.api.v1.HistoryEvent.Builder message = dev.vigil.api.v1.HistoryEvent.newBuilder()
			.setEntryId(event.entryId())
			.setChangeId(event.changeId())
			.setChangedAt(HostMessages.timestamp(event.changedAt()))
			.setOperation(dev.vigil.api.v1.HistoryOperation.valueOf(OPERATION_PREFIX + event.operation().name()))
			.setCaller(event.caller())
			.setVersion(Long.toString(event.version()))
			.setSequence(event.sequence());
		for (FieldChange change : event.changes()) {
			message.addChanges(dev.vigil.api.v1.FieldChange.newBuilder()
				.setField(change.field())
				.addAllBefore(change.before())
				.addAllAfter(change.after()));
		}
		return message.build();
	}

}
