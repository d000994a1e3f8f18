package org.pmoresearch.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** A PMO service area with its tasks, in display order. The id is a stable slug. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogueArea(String id, String name, String description, List<CatalogueTask> tasks) {
}
