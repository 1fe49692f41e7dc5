package dev.dbguard.pgproxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority and a server certificate for {@code 127.0.0.1}/{@code localhost} signed by it, made with the
 * {@code openssl} command line at test time (PEM; the keys PKCS#8, unencrypted), valid for a day.
 */
final class TlsFiles {

    final Path caCertificate;
    final Path serverCertificate;
    final Path serverKey;

    private TlsFiles(Path directory) {
        caCertificate = directory.resolve("ca.crt");
        serverCertificate = directory.resolve("server.crt");
        serverKey = directory.resolve("server.key");
    }

    /** A new CA named {@code caName} and a server certificate it signed, in {@code directory}. */
    static TlsFiles create(Path directory, String caName) throws IOException, InterruptedException {
        TlsFiles files = new TlsFiles(directory);
        Path caKey = directory.resolve("ca.key");
        Path request = directory.resolve("server.csr");
        Path extensions = directory.resolve("server.ext");
        Files.writeString(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\n", StandardCharsets.US_ASCII);
        openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-noenc", "-keyout", caKey.toString(),
                "-out", files.caCertificate.toString(), "-subj", "/CN=" + caName, "-days", "1");
        openssl(directory, "req", "-newkey", "rsa:2048", "-noenc", "-keyout", files.serverKey.toString(),
                "-out", request.toString(), "-subj", "/CN=localhost");
        openssl(directory, "x509", "-req", "-in", request.toString(), "-CA", files.caCertificate.toString(),
                "-CAkey", caKey.toString(), "-CAcreateserial", "-out", files.serverCertificate.toString(),
                "-days", "1", "-extfile", extensions.toString());
        return files;
    }

    private static void openssl(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("the TLS tests make their certificates with the openssl command line,"
                    + " which is not installed: install it (Debian: apt-get install openssl)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
