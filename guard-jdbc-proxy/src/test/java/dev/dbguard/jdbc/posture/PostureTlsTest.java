package dev.dbguard.jdbc.posture;

import dev.dbguard.core.Mode;
import dev.dbguard.core.internal.posture.PostureFacts;
import dev.dbguard.core.internal.posture.PostureJudge;
import dev.dbguard.core.internal.posture.ServerAddress;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS as the server sees it: an embedded PostgreSQL started with {@code ssl=on} and a self-signed certificate the
 * test makes with the {@code openssl} command. The server listens on loopback only, so the decision for a remote
 * host is taken on the facts this real session gave, with the remote URL the application would have used.
 */
class PostureTlsTest {

    private static Path directory;
    private static EmbeddedPostgres server;

    @BeforeAll
    static void startServerWithTls() throws IOException, InterruptedException {
        directory = Files.createTempDirectory("dbguard-posture-tls-");
        Process openssl;
        try {
            openssl = new ProcessBuilder("openssl", "req", "-new", "-x509", "-days", "1", "-nodes",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                    "-keyout", "server.key", "-out", "server.crt")
                    .directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("openssl.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("PostureTlsTest needs the openssl command to make a certificate;"
                    + " install it (apt-get install openssl)", e);
        }
        assertThat(openssl.waitFor()).as(Files.readString(directory.resolve("openssl.log"))).isZero();
        File log = directory.resolve("postgres.log").toFile();
        server = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", directory.resolve("server.crt").toString())
                .setServerConfig("ssl_key_file", directory.resolve("server.key").toString())
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                .start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void anEncryptedSessionThatDoesNotVerifyTheServerIsReported() throws SQLException {
        PostureFacts facts = facts("sslmode=require");

        assertThat(facts.tls()).isTrue();
        assertThat(PostureJudge.judge("tls", "production", Mode.BLOCK, facts,
                ServerAddress.of("jdbc:postgresql://db.example.com/app?sslmode=require")).findingIds()).contains("unverified-tls").doesNotContain("no-tls");
    }

    @Test
    void anEncryptedSessionThatVerifiesTheServerIsNotReported() throws SQLException {
        PostureFacts facts = facts("sslmode=verify-full&sslrootcert=" + directory.resolve("server.crt"));

        assertThat(facts.tls()).isTrue();
        assertThat(PostureJudge.judge("tls", "production", Mode.BLOCK, facts,
                ServerAddress.of("jdbc:postgresql://db.example.com/app?sslmode=verify-full")).findingIds()).doesNotContain("unverified-tls", "no-tls");
    }

    @Test
    void aPlainSessionToARemoteHostIsReported() throws SQLException {
        PostureFacts facts = facts("sslmode=disable");

        assertThat(facts.tls()).isFalse();
        assertThat(PostureJudge.judge("tls", "production", Mode.BLOCK, facts,
                ServerAddress.of("jdbc:postgresql://db.example.com/app?sslmode=disable")).findingIds()).contains("no-tls");
    }

    private static PostureFacts facts(String tlsParameters) throws SQLException {
        String url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres?user=postgres&" + tlsParameters;
        try (Connection connection = DriverManager.getConnection(url)) {
            return new PostgresFacts().read(connection, 5);
        }
    }
}
