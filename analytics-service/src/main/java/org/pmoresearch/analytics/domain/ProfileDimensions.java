package org.pmoresearch.analytics.domain;

import org.pmoresearch.contracts.RespondentProfile;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The profile dimensions respondents can be segmented by: the questions of the contracts'
 * {@code /profile-questions.json}, one per field of {@link RespondentProfile}, with their allowed values.
 */
public final class ProfileDimensions {

    public static final String RESOURCE = "/profile-questions.json";

    private final List<Dimension> dimensions;
    private final Map<String, Dimension> dimensionsById;
    /** Each dimension's place in {@link RespondentProfile#values()}. */
    private final int[] fieldIndexes;

    public ProfileDimensions(List<Dimension> dimensions) {
        this.dimensions = List.copyOf(dimensions);
        this.dimensionsById = this.dimensions.stream()
                .collect(Collectors.toMap(Dimension::id, Function.identity(), (first, second) -> {
                    throw new IllegalStateException("Profile dimension " + first.id() + " appears twice");
                }, LinkedHashMap::new));
        Set<String> fields = new TreeSet<>(RespondentProfile.FIELDS);
        if (!fields.equals(new TreeSet<>(dimensionsById.keySet()))) {
            throw new IllegalStateException("Profile questions " + new TreeSet<>(dimensionsById.keySet())
                    + " do not match the RespondentProfile fields " + fields);
        }
        this.fieldIndexes = this.dimensions.stream()
                .mapToInt(dimension -> RespondentProfile.FIELDS.indexOf(dimension.id())).toArray();
    }

    /** Reads the questions the survey asks, from the contracts jar. */
    public static ProfileDimensions load(JsonMapper json) {
        try (InputStream questions = ProfileDimensions.class.getResourceAsStream(RESOURCE)) {
            if (questions == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new ProfileDimensions(json.readValue(questions, new TypeReference<List<Dimension>>() { }));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + RESOURCE, e);
        }
    }

    public List<Dimension> all() {
        return dimensions;
    }

    public Optional<Dimension> find(String dimensionId) {
        return Optional.ofNullable(dimensionsById.get(dimensionId));
    }

    public Set<String> ids() {
        return dimensionsById.keySet();
    }

    /**
     * The segments a respondent belongs to: dimension to value, for every answered dimension whose value is
     * one of the allowed ones (an unanswered or unknown value puts the respondent in no segment of it).
     */
    public Map<String, String> segmentsOf(RespondentProfile profile) {
        Map<String, String> segments = new LinkedHashMap<>();
        if (profile == null) {
            return segments;
        }
        List<String> values = profile.values();
        for (int i = 0; i < dimensions.size(); i++) {
            Dimension dimension = dimensions.get(i);
            String value = values.get(fieldIndexes[i]);
            if (dimension.allows(value)) {
                segments.put(dimension.id(), value);
            }
        }
        return segments;
    }

    /** One profile question: its id is the profile field, its options the values a respondent may give. */
    public record Dimension(String id, String label, List<Option> options) {

        public Dimension {
            options = List.copyOf(options);
        }

        public boolean allows(String value) {
            if (value == null) {
                return false;
            }
            for (Option option : options) {
                if (option.value().equals(value)) {
                    return true;
                }
            }
            return false;
        }

        public Optional<Option> option(String value) {
            return options.stream().filter(option -> option.value().equals(value)).findFirst();
        }
    }

    public record Option(String value, String label) {
    }
}
