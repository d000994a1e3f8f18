package org.pmoresearch.catalogue.domain;

import org.pmoresearch.contracts.CatalogueGroup;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The research's own catalogue, shipped in the jar: the content of version 1. */
@Component
public class SeedCatalogue {

    private static final String LOCATION = "seed/pmo-catalogue.json";

    private final JsonMapper jsonMapper;

    public SeedCatalogue(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public List<CatalogueGroup> groups() {
        try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
            return jsonMapper.readValue(in, new TypeReference<List<CatalogueGroup>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the seed catalogue " + LOCATION, e);
        }
    }
}
