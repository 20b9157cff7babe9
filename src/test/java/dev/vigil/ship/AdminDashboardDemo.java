package dev.vigil.ship;

import java.util.concurrent.CountDownLatch;

import tools.jackson.databind.JsonNode;

/**
 * Runs a Spring Boot Admin server with a registered Vigil until the process is stopped, and
 * prints the URL of Vigil's page in the admin UI. {@code docs/take-admin-screenshot.sh} points
 * headless Chromium at it.
 */
public final class AdminDashboardDemo {

	private AdminDashboardDemo() {
	}

	public static void main(String[] args) throws Exception {
		AdminServerFixture fixture = AdminServerFixture.start("--spring.boot.admin.client.instance.metadata.team=platform",
				"--vigil.hooks.on-success[0].name=reload-dnsmasq", "--vigil.hooks.on-success[0].command=true");
		Runtime.getRuntime().addShutdownHook(new Thread(fixture::close));
		JsonNode instance = fixture.awaitVigilUp();
		System.out.println("READY " + fixture.adminUrl() + "/instances/" + instance.path("id").asString() + "/details");
		new CountDownLatch(1).await();
	}

}
