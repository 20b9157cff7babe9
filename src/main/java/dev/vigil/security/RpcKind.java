package dev.vigil.security;

/**
 * What a bound gRPC method is, as the access rules, the access log, the tracing predicate and the
 * refused-request log read it ({@link GrpcMethods}).
 */
public enum RpcKind {

	/** A probe: open, never authenticated (credentials sent cannot fail it), never logged or traced. */
	PROBE,

	/** A health RPC: open (details for the actuator role), never logged or traced. */
	HEALTH,

	/** Reads; logged only with {@code vigil.grpc.access-log.reads}. */
	READ,

	/** Changes something; always logged. */
	WRITE,

	/** The operator's: the health timeline, reflection; needs the actuator role. */
	ADMIN

}
