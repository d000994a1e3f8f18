package org.pmoresearch.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A task within a service area. The id is a stable slug, unique across the whole catalogue. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogueTask(String id, String name, String description) {
}
