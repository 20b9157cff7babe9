package dev.vigil.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
	void tlsNeedsExactlyOneSourceOfCertificates() {
		TlsProperties withoutFiles = new TlsProperties(true, null, null, 0, 0, Duration.ofMinutes(1), null);
		assertThatIllegalStateException().isThrownBy(() -> withoutFiles.requireOneSource(false))
			.withMessage("vigil.tls.enabled needs vigil.tls.certificate and vigil.tls.private-key, or vigil.acme.enabled");
		withoutFiles.requireOneSource(true);
		TlsProperties withFiles = new TlsProperties(true, this.directory.resolve("a.crt"), this.directory.resolve("a.key"),
				0, 0, Duration.ofMinutes(1), null);
		withFiles.requireOneSource(false);
		assertThatIllegalStateException().isThrownBy(() -> withFiles.requireOneSource(true))
			.withMessageContaining("cannot be set with vigil.acme.enabled");
	}

}
