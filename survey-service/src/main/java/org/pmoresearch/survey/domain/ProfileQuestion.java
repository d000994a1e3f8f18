package org.pmoresearch.survey.domain;

import java.util.List;

/** An optional profile question; {@code id} is the profile dimension, e.g. {@code pmoType}. */
public record ProfileQuestion(String id, String label, List<ProfileOption> options) {

    public ProfileQuestion {
        options = List.copyOf(options);
    }

    public boolean allows(String value) {
        return options.stream().anyMatch(option -> option.value().equals(value));
    }
}
