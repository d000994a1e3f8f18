package org.pmoresearch.survey.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.util.Collections;

/**
 * Limits POSTs to /api/responses/** per client address before anything else happens to them:
 * before the body is read, and whatever the content type or path below it. A request over the
 * limit is answered by {@link ApiExceptionHandler}, like every other rejection.
 */
class ResponseRateLimitFilter extends OncePerRequestFilter {

    private final ClientAddresses clientAddresses;
    private final ClientRateLimiter limiter;
    private final HandlerExceptionResolver exceptionResolver;

    ResponseRateLimitFilter(ClientAddresses clientAddresses, ClientRateLimiter limiter,
            HandlerExceptionResolver exceptionResolver) {
        this.clientAddresses = clientAddresses;
        this.limiter = limiter;
        this.exceptionResolver = exceptionResolver;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = clientAddresses.clientKey(request.getRemoteAddr(),
                Collections.list(request.getHeaders(ClientAddresses.FORWARDED_FOR)));
        ClientRateLimiter.Decision decision = limiter.tryAcquire(client);
        if (decision.allowed()) {
            chain.doFilter(request, response);
        }
        else {
            exceptionResolver.resolveException(request, response, null, RejectedRequestException.rateLimited(decision.retryAfter()));
        }
    }
}
