package org.pmoresearch.survey.web;

import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;

/** Reads a request body up to a limit, without buffering more than the limit whatever the client sends. */
final class LimitedBodyReader {

    private LimitedBodyReader() {
    }

    static byte[] read(HttpServletRequest request, int maxBytes) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw RejectedRequestException.tooLarge(maxBytes);
        }
        // A chunked body declares no length: read one byte past the limit to tell.
        byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw RejectedRequestException.tooLarge(maxBytes);
        }
        return body;
    }
}
