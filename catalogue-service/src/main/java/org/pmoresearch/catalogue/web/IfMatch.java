package org.pmoresearch.catalogue.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The draft's ETag is its revision in quotes; a write must send it back in If-Match. */
final class IfMatch {

    /** No draft has revision 0, so an If-Match that names no revision fails as a stale one does: 412. */
    private static final long NO_REVISION = 0;

    private IfMatch() {
    }

    static String eTagOf(long revision) {
        return "\"" + revision + "\"";
    }

    /**
     * The revision an If-Match header names. Only a strong tag can match ({@code W/"3"} never does), and
     * {@code *} is refused like a missing header: it would let a write overwrite whatever revision is current.
     */
    static long expectedRevision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw required("Send the draft's ETag in If-Match (GET /api/admin/catalogue/draft returns it)");
        }
        String tag = ifMatch.strip();
        if (tag.equals("*")) {
            throw required("If-Match: * is not accepted: send the ETag of the draft revision you edited");
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return NO_REVISION;
        }
    }

    private static ErrorResponseException required(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_REQUIRED, detail);
        problem.setType(ProblemTypes.DRAFT_IF_MATCH_REQUIRED);
        problem.setTitle("If-Match required");
        return new ErrorResponseException(HttpStatus.PRECONDITION_REQUIRED, problem, null);
    }
}
