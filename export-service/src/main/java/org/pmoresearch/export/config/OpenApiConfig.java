package org.pmoresearch.export.config;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The HTTP Basic credential the admin exports require, named so that /v3/api-docs tells which downloads are closed. */
@Configuration(proxyBeanMethods = false)
@SecurityScheme(name = OpenApiConfig.ADMIN_SECURITY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "basic")
public class OpenApiConfig {

    public static final String ADMIN_SECURITY_SCHEME = "admin";
}
