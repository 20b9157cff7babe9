package dev.vigil.acme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CertificateBundleTest {

	@TempDir
	Path directory;

	@Test
	void readsAPemChainAndKeyAndNeverShowsTheKey() throws IOException {
		CertificateBundle written = TestCertificates.create(this.directory, "site", 1, 30);
		CertificateBundle read = CertificateBundle.read(TestCertificates.certificatePath(this.directory, "site"),
				TestCertificates.keyPath(this.directory, "site"));
		assertThat(read.leaf()).isEqualTo(written.leaf());
		assertThat(read.key().getEncoded()).isEqualTo(written.key().getEncoded());
		assertThat(read.domains()).containsExactlyInAnyOrder("localhost", "127.0.0.1");
		assertThat(read.issuer()).isEqualTo("CN=localhost");
		assertThat(read.toString()).startsWith("CertificateBundle[serial=")
			.doesNotContain(Files.readString(TestCertificates.keyPath(this.directory, "site")).substring(28, 60));
	}

	@Test
	void aKeyFileWithoutAPkcs8BlockIsRefusedWithoutEchoingIt() throws IOException {
		TestCertificates.create(this.directory, "site", 1, 30);
		Path key = Files.writeString(this.directory.resolve("bad.key"), "-----BEGIN EC PRIVATE KEY-----\nSecretMaterial\n");
		assertThatIllegalStateException()
			.isThrownBy(() -> CertificateBundle.read(TestCertificates.certificatePath(this.directory, "site"), key))
			.withMessage("no '-----BEGIN PRIVATE KEY-----' (PKCS#8) block in the key file")
			.withMessageNotContaining("SecretMaterial");
	}

	@Test
	void aKeyThatDoesNotBelongToTheCertificateIsRefused() {
		TestCertificates.create(this.directory, "one", 1, 30);
		TestCertificates.create(this.directory, "other", 1, 30);
		assertThatIllegalStateException()
			.isThrownBy(() -> CertificateBundle.read(TestCertificates.certificatePath(this.directory, "one"),
					TestCertificates.keyPath(this.directory, "other")))
			.withMessage("the private key does not belong to the certificate");
	}

	@Test
	void tlsWithoutACertificateStopsStartup() {
		new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class)
			.withPropertyValues("vigil.tls.enabled=true")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("vigil.tls.enabled needs vigil.tls.certificate and vigil.tls.private-key"));
	}

	@EnableConfigurationProperties(TlsProperties.class)
	static class PropertiesOnly {

	}

}
