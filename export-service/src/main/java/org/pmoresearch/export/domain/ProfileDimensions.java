package org.pmoresearch.export.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The respondent profile questions every service agrees on (contracts' {@code /profile-questions.json}): the
 * dimensions a workbook can be filtered and broken down by, in the survey's order.
 */
public final class ProfileDimensions {

    private static final String RESOURCE = "/profile-questions.json";

    /** @param label the question as the survey asks it */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dimension(String id, String label, List<Option> options) {

        public Dimension {
            options = List.copyOf(options);
        }

        public Optional<Option> option(String value) {
            return options.stream().filter(option -> option.value().equals(value)).findFirst();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Option(String value, String label) {
    }

    private final List<Dimension> dimensions;
    private final Map<String, Dimension> byId;

    public ProfileDimensions(List<Dimension> dimensions) {
        this.dimensions = List.copyOf(dimensions);
        this.byId = this.dimensions.stream()
                .collect(Collectors.toMap(Dimension::id, Function.identity(), (first, second) -> first, LinkedHashMap::new));
    }

    public static ProfileDimensions fromContracts(JsonMapper jsonMapper) {
        try (InputStream in = ProfileDimensions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: the contracts jar is required");
            }
            return new ProfileDimensions(jsonMapper.readValue(in, new TypeReference<List<Dimension>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Dimension> all() {
        return dimensions;
    }

    public Optional<Dimension> dimension(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Reads segment filters from query parameters. Every parameter outside {@code otherParameters} must name a
     * profile dimension, once, with one of its values; all problems are reported together.
     *
     * @param maxFilters how many dimensions may be combined; public figures allow one, admins any number
     * @throws InvalidParameterException naming each offending parameter
     */
    public List<SegmentFilter> filters(Map<String, List<String>> parameters, Set<String> otherParameters, int maxFilters) {
        List<SegmentFilter> filters = new ArrayList<>();
        List<ParameterProblem> problems = new ArrayList<>();
        parameters.forEach((name, values) -> {
            if (otherParameters.contains(name)) {
                return;
            }
            Dimension dimension = byId.get(name);
            if (dimension == null) {
                problems.add(new ParameterProblem(name, "not a profile dimension; use one of " + byId.keySet()));
            } else if (values.size() != 1) {
                problems.add(new ParameterProblem(name, "give exactly one value"));
            } else if (dimension.option(values.get(0)).isEmpty()) {
                problems.add(new ParameterProblem(name, "unknown value '" + values.get(0) + "'; use one of "
                        + dimension.options().stream().map(Option::value).toList()));
            } else {
                filters.add(new SegmentFilter(name, values.get(0)));
            }
        });
        if (problems.isEmpty() && filters.size() > maxFilters) {
            String names = filters.stream().map(SegmentFilter::dimension).collect(Collectors.joining(", "));
            problems.add(new ParameterProblem(names, "filter by at most " + maxFilters
                    + " profile dimension here; combining dimensions is for admins only"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidParameterException("The segment filter is not valid.", problems);
        }
        return List.copyOf(filters);
    }
}
