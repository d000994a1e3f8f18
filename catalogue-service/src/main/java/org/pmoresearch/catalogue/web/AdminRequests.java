package org.pmoresearch.catalogue.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.pmoresearch.catalogue.domain.Slugs;

import java.util.List;

/** Request bodies of the admin API. Unknown fields are rejected with a 400 like everywhere else. */
final class AdminRequests {

    private static final String SLUG_MESSAGE = "must be a lowercase slug such as 'risk-register'";

    private AdminRequests() {
    }

    /** @param id optional: without one, the id is made from the name */
    record NewItem(@Pattern(regexp = Slugs.PATTERN, message = SLUG_MESSAGE) @Size(max = Slugs.MAX_LENGTH) String id,
                   @NotBlank @Size(max = 200) String name,
                   @Size(max = 2000) String description) {
    }

    /** Absent or null fields stay as they are; an empty description removes the description. */
    record ItemChange(@Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 200) String name,
                      @Size(max = 2000) String description) {
    }

    /**
     * @param to       the group an area moves to, or the area a task moves to
     * @param position 1-based place in the new parent (retired items count); absent for the end
     */
    record Move(@NotBlank String to, @Positive Integer position) {
    }

    /**
     * @param parent the group whose areas, or the area whose tasks, are reordered; absent to reorder the groups
     * @param order  every item's id, each once, in the new order
     */
    record Reorder(String parent, @NotNull @NotEmpty List<@NotBlank String> order) {
    }
}
