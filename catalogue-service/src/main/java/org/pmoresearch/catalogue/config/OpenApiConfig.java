package org.pmoresearch.catalogue.config;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** Describes the API at /v3/api-docs, including the HTTP Basic credential the admin endpoints require. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "PMO Services Research: catalogue service", version = "v1",
        description = "The published catalogue versions (public) and the draft organisers edit and publish (admin)."))
@SecurityScheme(name = OpenApiConfig.ADMIN_SECURITY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "basic")
public class OpenApiConfig {

    public static final String ADMIN_SECURITY_SCHEME = "admin";
}
