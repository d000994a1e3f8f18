package org.pmoresearch.analytics.web;

import org.pmoresearch.analytics.domain.CatalogueVersions;
import org.pmoresearch.analytics.domain.ProfileDimensions;
import org.pmoresearch.analytics.domain.ProfileDimensions.Dimension;
import org.springframework.util.MultiValueMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the query parameters of the hotspot and response queries, collecting every problem before
 * answering 400: a parameter is a profile dimension, {@code catalogueVersion}, or one the endpoint names.
 */
final class QueryParameters {

    static final String CATALOGUE_VERSION = "catalogueVersion";

    private final MultiValueMap<String, String> parameters;
    private final ProfileDimensions dimensions;
    private final List<FieldError> errors = new ArrayList<>();

    /** @param dimensions the profile dimensions that may be filtered by, or null where none may */
    QueryParameters(MultiValueMap<String, String> parameters, ProfileDimensions dimensions, Set<String> otherNames) {
        this.parameters = parameters;
        this.dimensions = dimensions;
        Set<String> dimensionIds = dimensions == null ? Set.of() : dimensions.ids();
        parameters.forEach((name, values) -> {
            if (!dimensionIds.contains(name) && !otherNames.contains(name)) {
                errors.add(new FieldError(name, "unknown parameter: expected "
                        + (dimensionIds.isEmpty() ? "" : "a profile dimension (" + String.join(", ", dimensionIds) + ")"
                        + (otherNames.isEmpty() ? "" : " or ")) + String.join(", ", otherNames)));
            } else if (values.size() > 1) {
                errors.add(new FieldError(name, "given more than once"));
            }
        });
    }

    /** Dimension to value, in the order given; each value must be one of the dimension's options. */
    Map<String, String> dimensionFilters() {
        Map<String, String> filters = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            Dimension dimension = dimensions == null ? null : dimensions.find(name).orElse(null);
            if (dimension == null || values.size() != 1) {
                return;
            }
            String value = values.get(0);
            if (dimension.allows(value)) {
                filters.put(name, value);
            } else {
                errors.add(new FieldError(name, "unknown value '" + value + "': one of "
                        + String.join(", ", dimension.options().stream().map(ProfileDimensions.Option::value).toList())));
            }
        });
        return filters;
    }

    /** @return null when not given; otherwise a catalogue version analytics has seen */
    Integer catalogueVersion(CatalogueVersions catalogues) {
        String value = parameters.getFirst(CATALOGUE_VERSION);
        if (value == null) {
            return null;
        }
        try {
            int version = Integer.parseInt(value.strip());
            if (catalogues.find(version).isPresent()) {
                return version;
            }
            errors.add(new FieldError(CATALOGUE_VERSION, "no catalogue version " + version + " has been published"));
        } catch (NumberFormatException e) {
            errors.add(new FieldError(CATALOGUE_VERSION, "must be a whole number"));
        }
        return null;
    }

    int integer(String name, int defaultValue, int min, int max) {
        String value = parameters.getFirst(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range number
        }
        errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
        return defaultValue;
    }

    /** @return null when not given */
    String responseId(String name) {
        String value = parameters.getFirst(name);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value.strip()).toString();
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, "must be a responseId (a UUID)"));
            return null;
        }
    }

    void reject(String name, String reason) {
        errors.add(new FieldError(name, reason));
    }

    /** @throws ApiException 400 naming every parameter at fault, if any is */
    void check() {
        if (!errors.isEmpty()) {
            throw ApiException.invalidParameters(errors.size() == 1 ? errors.get(0).field() + ": "
                    + errors.get(0).reason() : errors.size() + " query parameters are invalid", errors);
        }
    }
}
