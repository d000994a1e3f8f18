package org.pmoresearch.export.domain;

import java.util.List;

/**
 * One page of responses, ordered by responseId.
 *
 * @param next the cursor to ask for the following page with; null on the last page
 */
public record ResponsePage(List<ExportedResponse> items, String next) {

    public ResponsePage {
        items = items == null ? List.of() : items;
    }
}
