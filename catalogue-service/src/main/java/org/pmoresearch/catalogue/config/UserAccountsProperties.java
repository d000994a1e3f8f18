package org.pmoresearch.catalogue.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * Accounts besides the administrator, e.g. a read-only account, which the admin API refuses with 403.
 *
 * @param users {@code pmo.security.users[i].username / .password-hash / .roles}
 */
@Validated
@ConfigurationProperties("pmo.security")
public record UserAccountsProperties(@NotNull @DefaultValue List<@Valid Account> users) {

    /**
     * @param passwordHash bcrypt hash of the password
     * @param roles        role names without the {@code ROLE_} prefix
     */
    public record Account(
            @NotBlank String username,
            @NotNull @Pattern(regexp = AdminProperties.BCRYPT_HASH, message = "must be a bcrypt hash") String passwordHash,
            @NotEmpty List<@NotBlank String> roles) {
    }
}
