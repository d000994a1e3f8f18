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
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Public reads of the catalogue, health and metrics; HTTP Basic and the ADMIN role for the admin API and the admin
 * page; everything else denied. An anonymous request for a denied path gets the same 404 as a path that does not
 * exist, so the rules reveal nothing about what is deployed. Errors are problem+json like the rest of the API.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    private static final String PUBLIC_API = "/api/catalogue/**";
    private static final String ADMIN_API = "/api/admin/**";
    /** Open to GET, and so to HEAD, which answers what GET would without the body (link checkers, uptime probes). */
    private static final String[] PUBLIC_READS = {PUBLIC_API, "/actuator/health/**", "/actuator/prometheus",
            "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"};
    /** The admin page needs the credential too, so the browser asks for it once and reuses it for the page's API calls. */
    private static final String ADMIN_PAGES = "/admin/**";
    private static final String ADMIN_ROLE = "ADMIN";
    private static final String REALM = "pmo-catalogue-admin";
    private static final String ADMIN_PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JsonMapper jsonMapper, CorsProperties cors) {
        RequestMatcher adminPaths = new OrRequestMatcher(
                PathPatternRequestMatcher.pathPattern(ADMIN_API), PathPatternRequestMatcher.pathPattern(ADMIN_PAGES));
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
                        .requestMatchers(HttpMethod.GET, PUBLIC_READS).permitAll()
                        .requestMatchers(HttpMethod.HEAD, PUBLIC_READS).permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(adminPaths).hasRole(ADMIN_ROLE)
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(adminEntryPoint))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(corsConfig -> corsConfig.configurationSource(publicReadsFrom(cors.allowedOrigins())))
                // The admin API needs no CSRF token: every state-changing admin request must carry If-Match (the
                // draft's ETag) and a JSON or CSV content type. A cross-site form can send neither, a cross-site
                // script can only send them after a CORS preflight, and CORS admits no other origin to the admin API.
                // The public API only answers GET, so a token would protect nothing there; without one, a POST to it
                // gets the same 404 as any other unknown request.
                .csrf(csrf -> csrf.ignoringRequestMatchers(ADMIN_API, PUBLIC_API).csrfTokenRequestHandler(new HeaderOnlyCsrfTokens()))
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        PathPatternRequestMatcher.pathPattern(ADMIN_PAGES),
                        new StaticHeadersWriter("Content-Security-Policy", ADMIN_PAGE_POLICY))))
                .build();
    }

    /** Pages of the other services may read the public catalogue from the browser; nothing else, never with credentials. */
    private static CorsConfigurationSource publicReadsFrom(List<String> allowedOrigins) {
        CorsConfiguration publicReads = new CorsConfiguration();
        publicReads.setAllowedOrigins(allowedOrigins);
        publicReads.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.HEAD.name()));
        publicReads.setAllowCredentials(false);
        publicReads.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration(PUBLIC_API, publicReads);
        return source;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * Exposed as a plain UserDetailsService: as a manager, Spring Security would re-hash a configured hash whose
     * bcrypt cost is below the encoder's default on the first login, in memory only, so every later request would
     * pay the higher cost for nothing that lasts.
     */
    @Bean
    UserDetailsService users(AdminProperties admin, UserAccountsProperties accounts) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        if (admin.hasPasswordHash()) {
            users.createUser(User.withUsername(admin.username()).password(admin.passwordHash()).roles(ADMIN_ROLE).build());
        } else {
            log.warn("pmo.admin.password-hash is not set: there is no administrator and the admin API answers 401");
        }
        accounts.users().forEach(account -> users.createUser(User.withUsername(account.username())
                .password(account.passwordHash())
                .roles(account.roles().toArray(String[]::new))
                .build()));
        return users::loadUserByUsername;
    }

    /**
     * Reads the CSRF token from its header only. No page here posts a form, and asking for the form parameter makes the
     * servlet container parse an anonymous request body: a malformed or oversized one then fails inside the security
     * filters, where it can only become a 500.
     */
    private static final class HeaderOnlyCsrfTokens implements CsrfTokenRequestHandler {

        private final XorCsrfTokenRequestAttributeHandler standard = new XorCsrfTokenRequestAttributeHandler();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
            standard.handle(request, response, csrfToken);
        }

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
            return request.getHeader(csrfToken.getHeaderName()) == null ? null : standard.resolveCsrfTokenValue(request, csrfToken);
        }
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
