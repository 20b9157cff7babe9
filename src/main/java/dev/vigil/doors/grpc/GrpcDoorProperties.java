package dev.vigil.doors.grpc;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gRPC door's settings ({@code vigil.grpc.*}).
 *
 * @param accessLog the access log: one line per call, on the {@code vigil.grpc.access} logger
 */
@Validated
@ConfigurationProperties("vigil.grpc")
record GrpcDoorProperties(@Valid @NotNull @DefaultValue AccessLog accessLog) {

	/**
	 * Which calls the access log writes. Health RPCs and probes never.
	 *
	 * @param enabled whether it writes at all: the calls that change something and every refusal
	 * @param reads whether calls that only read are written too
	 */
	record AccessLog(@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean reads) {
	}

}
