package dev.vigil.doors.grpc;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.vigil.api.routerhosts.v1.AcmeHealth;
import dev.vigil.api.routerhosts.v1.ComponentHealth;
import dev.vigil.api.routerhosts.v1.DatabaseHealth;
import dev.vigil.api.routerhosts.v1.HealthResponse;
import dev.vigil.api.routerhosts.v1.HooksHealth;
import dev.vigil.api.routerhosts.v1.ModelQueueHealth;
import dev.vigil.api.routerhosts.v1.ServerInfo;
import dev.vigil.database.DatabaseHealthDetails;
import dev.vigil.doors.RuntimeReport;
import dev.vigil.health.ComponentState;
import dev.vigil.health.GroupHealth;
import dev.vigil.health.HealthStatuses;
import dev.vigil.hooks.HooksHealthDetails;
import dev.vigil.support.RunningServer;
import dev.vigil.tls.CertificateHealthDetails;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Status;

/**
 * Renders the overall evaluation as the {@code router_hosts.v1} HealthResponse: the seed's
 * sections, and every component in {@code components}.
 */
class HealthResponseMapper {

	private static final AcmeHealth DISABLED_ACME = AcmeHealth.newBuilder().setStatus("disabled").build();

	private final RunningServer server;

	private final JsonMapper json;

	HealthResponseMapper(RunningServer server, JsonMapper json) {
		this.server = server;
		this.json = json;
	}

	HealthResponse toResponse(GroupHealth overall, GroupHealth readiness) {
		HealthResponse.Builder response = verdict(overall)
			.setAcme(overall.component(CertificateHealthDetails.COMPONENT).map(HealthResponseMapper::acme).orElse(DISABLED_ACME));
		overall.component(DatabaseHealthDetails.COMPONENT).ifPresent((db) -> response.setDatabase(database(db)));
		response.setHooks(overall.component(HooksHealthDetails.COMPONENT)
			.map(HealthResponseMapper::hooks)
			.orElse(HooksHealth.getDefaultInstance()));
		response.setModelQueue(modelQueue(RuntimeReport.of(overall, readiness, this.server.uptime())));
		overall.components().forEach((component) -> response.addComponents(component(component)));
		return response.build();
	}

	/** The verdict, server info and each component's name and status: no reasons, no details. */
	HealthResponse toStatusOnly(GroupHealth overall) {
		HealthResponse.Builder response = verdict(overall);
		overall.components()
			.forEach((component) -> response.addComponents(
					ComponentHealth.newBuilder().setName(component.name()).setStatus(component.status().getCode())));
		return response.build();
	}

	private HealthResponse.Builder verdict(GroupHealth overall) {
		return HealthResponse.newBuilder()
			.setHealthy(overall.serving())
			.setServer(ServerInfo.newBuilder()
				.setVersion(this.server.version())
				.setUptimeSeconds(this.server.uptime().toSeconds())
				.setBuildInfo(this.server.buildInfo()));
	}

	private static DatabaseHealth database(ComponentState db) {
		boolean connected = Status.UP.equals(db.status()) || HealthStatuses.DEGRADED.equals(db.status());
		DatabaseHealth.Builder database = DatabaseHealth.newBuilder()
			.setConnected(connected)
			.setError(connected ? "" : db.reason());
		DatabaseHealthDetails details = DatabaseHealthDetails.of(db);
		details.backend().ifPresent(database::setBackend);
		details.latencyMs().ifPresent(database::setLatencyMs);
		return database.build();
	}

	/** From the acme component: expires_at in Unix seconds, 0 without a certificate. */
	private static AcmeHealth acme(ComponentState acme) {
		CertificateHealthDetails details = CertificateHealthDetails.of(acme);
		AcmeHealth.Builder section = AcmeHealth.newBuilder().setEnabled(details.enabled()).setStatus(details.status());
		details.expiresAt().ifPresent((expiresAt) -> section.setExpiresAt(expiresAt.getEpochSecond()));
		if (!details.lastError().isEmpty()) {
			section.setError(details.lastError());
		}
		else if (!Status.UP.equals(acme.status())) {
			section.setError(acme.reason());
		}
		return section.build();
	}

	private static HooksHealth hooks(ComponentState hooks) {
		List<String> names = HooksHealthDetails.of(hooks).hookNames();
		return HooksHealth.newBuilder().addAllHookNames(names).setConfiguredCount(names.size()).build();
	}

	private static ModelQueueHealth modelQueue(RuntimeReport report) {
		return ModelQueueHealth.newBuilder()
			.setState(report.state())
			.setReady(report.ready())
			.setAcceptingRequests(report.acceptingRequests())
			.setModelsLoaded(report.modelsLoaded())
			.setMemoryUsedBytes(report.memoryUsedBytes())
			.setQueueDepth(report.queueDepth())
			.setUptimeSecs(report.uptimeSecs())
			.build();
	}

	private ComponentHealth component(ComponentState state) {
		ComponentHealth.Builder component = ComponentHealth.newBuilder()
			.setName(state.name())
			.setStatus(state.status().getCode())
			.setReason(state.reason());
		for (Map.Entry<String, Object> detail : state.details().entrySet()) {
			component.putDetails(detail.getKey(), text(detail.getValue()));
		}
		return component.build();
	}

	/** Scalars as themselves; lists and maps as JSON, as the HTTP door shows them. */
	private String text(Object value) {
		return (value instanceof Map<?, ?> || value instanceof Collection<?>) ? this.json.writeValueAsString(value)
				: String.valueOf(value);
	}


}
