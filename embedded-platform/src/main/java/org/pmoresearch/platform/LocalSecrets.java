package org.pmoresearch.platform;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets of a local run: generated on the first start, kept under {@code <data-dir>/secrets}
 * (readable by the owner only) and reused afterwards, so report tokens and the admin password stay
 * valid across restarts. Production takes them from its environment instead.
 */
record LocalSecrets(String adminUsername, String adminPassword, String adminPasswordHash, String reportTokenSecret,
                    Path adminPasswordFile) {

    static final String ADMIN_USERNAME = "admin";

    static LocalSecrets loadOrCreate(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("secrets").toAbsolutePath();
        Files.createDirectories(dir);
        Path passwordFile = dir.resolve("admin-password");
        Path tokenFile = dir.resolve("report-token-secret");
        String password = readOrCreate(passwordFile, 18);
        String tokenSecret = readOrCreate(tokenFile, 48);
        String hash = new BCryptPasswordEncoder().encode(password);
        return new LocalSecrets(ADMIN_USERNAME, password, hash, tokenSecret, passwordFile);
    }

    /** Secrets that are never written anywhere, for a service that runs without serving anyone (a training run). */
    static LocalSecrets throwaway() {
        String password = random(18);
        return new LocalSecrets(ADMIN_USERNAME, password, new BCryptPasswordEncoder().encode(password), random(48), null);
    }

    private static String readOrCreate(Path file, int randomBytes) throws IOException {
        if (Files.exists(file)) {
            String value = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!value.isEmpty()) {
                return value;
            }
        }
        String value = random(randomBytes);
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the data directory's access rules.
        }
        return value;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
