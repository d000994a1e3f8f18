package org.pmoresearch.analytics.config;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Public reads (hotspots, the dashboard, a respondent's own response behind its token) are open; admin
 * endpoints need HTTP Basic with role ADMIN; everything else is closed. Only the public hotspots may be
 * read cross-origin, and never with credentials.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String ADMIN_ROLE = "ADMIN";
    /** Open to GET, and so to HEAD, which answers what GET would without the body (link checkers, uptime probes). */
    private static final String[] PUBLIC_READS = {"/api/hotspots", "/api/hotspots/**", "/api/responses/*",
            "/dashboard", "/dashboard/**", "/webjars/**",
            "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};
    private static final Duration VERIFIED_PASSWORD_REMEMBERED = Duration.ofMinutes(2);
    private static final int VERIFIED_PASSWORDS_KEPT = 64;
    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemDetailSecurityResponses problemResponses,
            CorsConfigurationSource hotspotsCors) {
        return http
                .csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(hotspotsCors))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(problemResponses))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problemResponses)
                        .accessDeniedHandler(problemResponses))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLIC_READS).permitAll()
                        .requestMatchers(HttpMethod.HEAD, PUBLIC_READS).permitAll()
                        .requestMatchers("/api/admin/**").hasRole(ADMIN_ROLE)
                        .anyRequest().denyAll())
                .build();
    }

    @Bean
    CorsConfigurationSource hotspotsCors(CorsProperties cors) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of(HttpMethod.GET.name()));
        configuration.setAllowCredentials(false);
        configuration.setExposedHeaders(List.of("ETag"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/hotspots", configuration);
        source.registerCorsConfiguration("/api/hotspots/**", configuration);
        return source;
    }

    @Bean
    UserDetailsService users(AdminProperties admin, SecurityUsersProperties others) {
        List<UserDetails> users = new ArrayList<>();
        if (admin.hasPassword()) {
            users.add(User.withUsername(admin.username()).password(admin.passwordHash()).roles(ADMIN_ROLE).build());
        } else {
            log.warn("pmo.admin.password-hash is not set: there is no administrator and the admin API answers 401");
        }
        others.users().forEach(account -> users.add(User.withUsername(account.username())
                .password(account.passwordHash())
                .roles(account.roles().toArray(String[]::new))
                .build()));
        return new InMemoryUserDetailsManager(users);
    }

    /**
     * BCrypt; a password just verified is remembered for {@link #VERIFIED_PASSWORD_REMEMBERED}, as export-service
     * reads an admin export from here a page at a time with the administrator's credentials (about 80 ms of
     * BCrypt per page otherwise). Wrong passwords are never remembered.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new RememberingPasswordEncoder(new BCryptPasswordEncoder(), VERIFIED_PASSWORD_REMEMBERED,
                VERIFIED_PASSWORDS_KEPT, Clock.systemUTC());
    }
}
