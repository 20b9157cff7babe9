package dev.vigil.hosts;

import java.nio.file.Path;

import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import dev.vigil.testing.Channels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every test of the hosts component's RPCs starts from: an empty registry and a real gRPC
 * channel to the running Vigil, closed after each test.
 */
abstract class HostsRpcTest {

	@Autowired
	GrpcServerLifecycle grpcServer;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Value("${vigil.hosts.file.path}")
	Path hostsFile;

	ManagedChannel channel;

	HostsClient hosts;

	@BeforeEach
	void connect() {
		this.jdbc.update("DELETE FROM host_entries");
		this.channel = Channels.local(this.grpcServer.getPort());
		this.hosts = new HostsClient(this.channel);
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		Channels.close(this.channel);
	}

}
