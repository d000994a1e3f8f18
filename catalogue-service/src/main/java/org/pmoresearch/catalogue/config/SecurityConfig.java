package org.pmoresearch.catalogue.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.pmoresearch.catalogue.web.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
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
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;

/**
 * Public reads of the catalogue, health and metrics; HTTP Basic for the admin API; everything else denied.
 * An anonymous request for a denied path gets the same 404 as a path that does not exist, so the rules
 * reveal nothing about what is deployed. Errors are problem+json like the rest of the API.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    private static final String ADMIN_PATHS = "/api/admin/**";
    private static final String ADMIN_ROLE = "ADMIN";
    private static final String REALM = "pmo-catalogue-admin";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JsonMapper jsonMapper) {
        RequestMatcher adminPaths = PathPatternRequestMatcher.pathPattern(ADMIN_PATHS);
        AuthenticationEntryPoint adminEntryPoint = (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
            writeProblem(jsonMapper, request, response, HttpStatus.UNAUTHORIZED, "Administrator credentials are required");
        };
        AuthenticationEntryPoint entryPoint = (request, response, e) -> {
            if (adminPaths.matches(request)) {
                adminEntryPoint.commence(request, response, e);
            } else {
                writeProblem(jsonMapper, request, response, HttpStatus.NOT_FOUND, "No resource at " + request.getRequestURI());
            }
        };
        AccessDeniedHandler accessDenied = (request, response, e) ->
                writeProblem(jsonMapper, request, response, HttpStatus.FORBIDDEN, "Access to " + request.getRequestURI() + " is denied");

        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/catalogue/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(adminPaths).hasRole(ADMIN_ROLE)
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(adminEntryPoint))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService adminUsers(AdminProperties admin) {
        if (!admin.hasPasswordHash()) {
            log.warn("pmo.admin.password-hash is not set: there is no administrator and the admin API answers 401");
            return new InMemoryUserDetailsManager();
        }
        return new InMemoryUserDetailsManager(User.withUsername(admin.username())
                .password(admin.passwordHash())
                .roles(ADMIN_ROLE)
                .build());
    }

    private static void writeProblem(JsonMapper jsonMapper, HttpServletRequest request, HttpServletResponse response,
                                     HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemTypes.forStatus(status));
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }
}
