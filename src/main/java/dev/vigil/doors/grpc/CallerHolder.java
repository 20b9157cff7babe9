package dev.vigil.doors.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import dev.vigil.security.Callers;

/**
 * Gives every call, first of all, the holder of its identity ({@link Callers#withHolder}), which
 * the access rules fill once and everything after them reads.
 */
class CallerHolder implements ServerInterceptor {

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		return Contexts.interceptCall(Callers.withHolder(Context.current()), call, headers, next);
	}

}
