package org.pmoresearch.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** A group of service areas (as P3O groups its offices), in display order. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogueGroup(String id, String name, String description, List<CatalogueArea> areas) {
}
