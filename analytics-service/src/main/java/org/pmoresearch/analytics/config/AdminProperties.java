package org.pmoresearch.analytics.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The admin credential (env PMO_ADMIN_USERNAME, PMO_ADMIN_PASSWORD_HASH).
 * @param passwordHash a bcrypt hash; without one there is no admin user and admin endpoints stay closed
 */
@Validated
@ConfigurationProperties("pmo.admin")
public record AdminProperties(
        @NotBlank String username,
        @Pattern(regexp = "^$|" + BCRYPT, message = "must be a bcrypt hash") String passwordHash) {

    static final String BCRYPT = "^\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}$";

    public boolean hasPassword() {
        return passwordHash != null && !passwordHash.isBlank();
    }
}
