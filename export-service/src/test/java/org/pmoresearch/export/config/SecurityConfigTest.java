package org.pmoresearch.export.config;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecurityConfigTest {

    @Test
    void knowsNoAdminWhenNoneIsConfigured() {
        AdminProperties none = new AdminProperties(null, null);
        UserDetailsService users = new SecurityConfig().adminUsers(none);

        assertThat(none.enabled()).isFalse();
        assertThatThrownBy(() -> users.loadUserByUsername("admin")).isInstanceOf(UsernameNotFoundException.class);
    }
}
