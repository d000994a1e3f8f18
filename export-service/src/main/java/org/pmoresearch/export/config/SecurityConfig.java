package org.pmoresearch.export.config;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Public downloads (the public and the personal workbook, which checks its report token itself), health and metrics
 * are open; the admin exports of raw responses need the admin over HTTP Basic; everything else is closed. Every
 * refusal is a problem+json body.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfig {

    private static final String REALM = "pmo-export";
    private static final String ADMIN_XLSX_EXPORT = "/api/exports/responses.xlsx";
    private static final String ADMIN_CSV_EXPORT = "/api/exports/responses.csv";
    /**
     * Open to GET, and so to HEAD, which answers what GET would without the body (link checkers, uptime probes); the
     * admin exports under them are matched first.
     */
    private static final String[] PUBLIC_READS = {"/api/exports/**", "/actuator/health/**", "/actuator/prometheus",
            "/v3/api-docs/**"};

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JsonMapper jsonMapper) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher adminPaths = new OrRequestMatcher(paths.matcher(ADMIN_XLSX_EXPORT), paths.matcher(ADMIN_CSV_EXPORT));
        AuthenticationEntryPoint basicChallenge = (request, response, exception) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
            writeProblem(jsonMapper, request, response, HttpStatus.UNAUTHORIZED, "Admin credentials are required.");
        };
        // An anonymous caller on a closed path learns nothing about what lives there: it reads as absent.
        AuthenticationEntryPoint challengeOnlyForAdminPaths = (request, response, exception) -> {
            if (adminPaths.matches(request)) {
                basicChallenge.commence(request, response, exception);
            } else {
                writeProblem(jsonMapper, request, response, HttpStatus.NOT_FOUND, "No resource at this path.");
            }
        };
        AccessDeniedHandler forbidden = (request, response, exception) ->
                writeProblem(jsonMapper, request, response, HttpStatus.FORBIDDEN, "This path is not open to you.");

        return http
                .authorizeHttpRequests(requests -> requests
                        // A streamed download and an error page are dispatched again; the first dispatch was already authorised.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(adminPaths).hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, PUBLIC_READS).permitAll()
                        .requestMatchers(HttpMethod.HEAD, PUBLIC_READS).permitAll()
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(basicChallenge))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(challengeOnlyForAdminPaths)
                        .accessDeniedHandler(forbidden))
                // No cookies and no sessions: credentials travel with every request, so there is nothing for CSRF to ride on.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    UserDetailsService adminUsers(AdminProperties admin) {
        if (!admin.enabled()) {
            return new InMemoryUserDetailsManager();
        }
        return new InMemoryUserDetailsManager(User.withUsername(admin.username())
                .password(admin.passwordHash())
                .roles("ADMIN")
                .build());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    private static void writeProblem(JsonMapper jsonMapper, HttpServletRequest request, HttpServletResponse response,
                                     HttpStatus status, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }
}
