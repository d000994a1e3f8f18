package org.pmoresearch.analytics.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/** Accounts besides the admin ({@code pmo.security.users[i].username, password-hash, roles}). */
@Validated
@ConfigurationProperties("pmo.security")
public record SecurityUsersProperties(@DefaultValue @Valid List<Account> users) {

    public record Account(
            @NotBlank String username,
            @NotBlank @Pattern(regexp = AdminProperties.BCRYPT, message = "must be a bcrypt hash") String passwordHash,
            @NotEmpty List<@NotBlank String> roles) {
    }
}
