package dev.vigil.doors.ipc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import dev.vigil.testing.IpcClient;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * What every test of the IPC socket starts from: a client connected to the running Vigil's
 * socket, closed after each test.
 */
abstract class IpcClientTest {

	@Autowired
	IpcProperties properties;

	IpcClient client;

	@BeforeEach
	void connect() {
		this.client = IpcClient.connect(this.properties.socketPath());
	}

	@AfterEach
	void disconnect() {
		this.client.close();
	}

}
