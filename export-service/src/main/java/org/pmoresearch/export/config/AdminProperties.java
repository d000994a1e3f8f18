package org.pmoresearch.export.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * The one admin credential. Both unset means no admin at all: every admin path stays closed.
 *
 * @param passwordHash a bcrypt hash, never the password itself
 */
@Validated
@ConfigurationProperties("pmo.admin")
public record AdminProperties(
        String username,
        @Pattern(regexp = "|\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}", message = "must be a bcrypt hash")
        String passwordHash) {

    public boolean enabled() {
        return StringUtils.hasText(username) && StringUtils.hasText(passwordHash);
    }

    @AssertTrue(message = "set both pmo.admin.username and pmo.admin.password-hash, or neither")
    public boolean isBothOrNeitherSet() {
        return StringUtils.hasText(username) == StringUtils.hasText(passwordHash);
    }
}
