package dev.vigil.hosts.rpc;

import java.io.ByteArrayOutputStream;

import io.grpc.stub.StreamObserver;

import dev.vigil.api.routerhosts.v1.ImportHostsRequest;
import dev.vigil.api.routerhosts.v1.ImportHostsResponse;
import dev.vigil.hosts.formats.HostsFormat;
import dev.vigil.hosts.formats.HostsImporter.ConflictMode;
import dev.vigil.hosts.formats.HostsImporter.ImportSummary;
import dev.vigil.hosts.formats.HostsImporter;
import dev.vigil.hosts.registry.HostWrites.WriteCaller;
import dev.vigil.hosts.registry.HostsException;

/**
 * One ImportHosts call: gathers chunks up to the size bound, then imports on the last chunk (or
 * when the client half-closes), sending progress as it writes and a final summary. A refused
 * import sends its summary, then the error status.
 */
final class ImportHostsCall implements StreamObserver<ImportHostsRequest> {

	private static final String METHOD = "ImportHosts";

	private final HostsImporter importer;

	private final StreamObserver<ImportHostsResponse> responses;

	private final long maxBytes;

	private final WriteCaller caller = GrpcErrors.caller();

	private final ByteArrayOutputStream document = new ByteArrayOutputStream();

	private String format;

	private String conflictMode;

	private boolean force;

	private boolean finished;

	public ImportHostsCall(HostsImporter importer, StreamObserver<ImportHostsResponse> responses, long maxBytes) {
		this.importer = importer;
		this.responses = responses;
		this.maxBytes = maxBytes;
	}

	@Override
	public void onNext(ImportHostsRequest request) {
		if (this.finished) {
			return;
		}
		if (this.format == null && request.hasFormat()) {
			this.format = request.getFormat();
		}
		if (this.conflictMode == null && request.hasConflictMode()) {
			this.conflictMode = request.getConflictMode();
		}
		this.force |= request.getForce();
		if ((long) this.document.size() + request.getChunk().size() > this.maxBytes) {
			fail(new HostsException(HostsException.Reason.TOO_LARGE,
					"import larger than the limit of " + this.maxBytes + " bytes; nothing was imported"));
			return;
		}
		this.document.writeBytes(request.getChunk().toByteArray());
		if (request.getLastChunk()) {
			runImport();
		}
	}

	@Override
	public void onError(Throwable error) {
		// The client went away: nothing was imported unless the last chunk had arrived.
		this.finished = true;
	}

	@Override
	public void onCompleted() {
		if (!this.finished) {
			runImport();
		}
	}

	private void runImport() {
		this.finished = true;
		try {
			ImportSummary summary = this.importer.run(this.document.toByteArray(),
					HostsFormat.named(this.format, HostsFormat.HOSTS), ConflictMode.named(this.conflictMode), this.force,
					this.caller, (progress) -> this.responses.onNext(response(progress)));
			this.responses.onNext(response(summary));
			this.responses.onCompleted();
		}
		catch (HostsImporter.Refused refused) {
			this.responses.onNext(response(refused.summary()));
			this.responses.onError(GrpcErrors.toStatus(METHOD, refused));
		}
		catch (RuntimeException ex) {
			this.responses.onError(GrpcErrors.toStatus(METHOD, ex));
		}
	}

	private void fail(RuntimeException ex) {
		this.finished = true;
		this.responses.onError(GrpcErrors.toStatus(METHOD, ex));
	}

	private static ImportHostsResponse response(ImportSummary summary) {
		ImportHostsResponse.Builder response = ImportHostsResponse.newBuilder()
			.setProcessed(summary.processed())
			.setCreated(summary.created())
			.setUpdated(summary.updated())
			.setSkipped(summary.skipped())
			.setFailed(summary.failed())
			.addAllValidationErrors(summary.validationErrors());
		if (summary.error() != null) {
			response.setError(summary.error());
		}
		return response.build();
	}

}
