package org.pmoresearch.catalogue.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The one administrator account. Without a password hash there is no administrator at all, so the
 * admin API stays closed rather than falling back to a default password.
 *
 * @param passwordHash bcrypt hash of the password; a malformed hash fails start-up instead of silently never matching
 */
@Validated
@ConfigurationProperties("pmo.admin")
public record AdminProperties(
        @NotBlank @DefaultValue("admin") String username,
        @Pattern(regexp = "|" + BCRYPT_HASH, message = "must be empty or a bcrypt hash")
        String passwordHash) {

    static final String BCRYPT_HASH = "\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}";

    public boolean hasPasswordHash() {
        return passwordHash != null && !passwordHash.isEmpty();
    }
}
