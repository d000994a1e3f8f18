package org.pmoresearch.catalogue.domain;

import java.time.Instant;
import java.util.List;

/**
 * The one draft organisers edit. The revision grows by one with every stored edit: it is the draft's ETag,
 * and a write names the revision it was based on so that concurrent edits never overwrite each other.
 *
 * @param updatedBy the user who stored this revision; null for the draft created from a published version
 */
public record Draft(long revision, Instant updatedAt, String updatedBy, List<DraftGroup> groups) {

    public Draft {
        groups = List.copyOf(groups);
    }
}
