package org.pmoresearch.catalogue.domain;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogueJsonTest {

    private final JsonMapper jsonMapper = JsonMapper.builder().build();

    private ImportedCatalogue read(String json) {
        return CatalogueJson.read(jsonMapper, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheTreeWithTheLineAndPathOfEveryItem() {
        ImportedCatalogue imported = read("""
                {"groups": [
                  {"id": "planning", "name": "Planning", "description": null, "retired": false, "areas": [
                    {"id": "reporting", "name": "Reporting", "tasks": [
                      {"id": "status-returns", "name": "Status returns", "retired": true}
                    ]}
                  ]}
                ]}
                """);

        assertThat(imported.problems()).isEmpty();
        ImportedItem task = imported.groups().get(0).children().get(0).children().get(0);
        assertThat(task.kind()).isEqualTo(ItemKind.TASK);
        assertThat(task.line()).isEqualTo(4);
        assertThat(task.retired()).isTrue();
        assertThat(task.fields()).isEqualTo(new ImportedItem.Fields(
                "groups[0].areas[0].tasks[0].id", "groups[0].areas[0].tasks[0].name", "groups[0].areas[0].tasks[0].description"));
    }

    @Test
    void reportsUnknownFieldsAndWrongTypesWithTheirLineAndPath() {
        ImportedCatalogue imported = read("""
                {"groups": [
                  {"id": "planning", "name": 7, "areas": [
                    {"id": "reporting", "name": "Reporting", "retired": "no", "colour": {"r": 1}}
                  ]},
                  "delivery"
                ],
                 "version": 2}
                """);

        assertThat(imported.problems()).containsExactly(
                new ImportProblem(2, "groups[0].name", "must be a string"),
                new ImportProblem(3, "groups[0].areas[0].retired", "must be true or false"),
                new ImportProblem(3, "groups[0].areas[0].colour", "unknown field"),
                new ImportProblem(5, "groups[1]", "must be an object"),
                new ImportProblem(7, "version", "unknown field"));
    }

    @Test
    void aDocumentWithoutGroupsIsAProblem() {
        assertThat(read("{}").problems()).containsExactly(new ImportProblem(1, "groups", "is required"));
        assertThat(read("[]").problems()).extracting(ImportProblem::field).containsExactly("$");
    }

    @Test
    void brokenJsonIsUnreadable() {
        assertThatThrownBy(() -> read("{\"groups\": [\n{\"id\": }]}"))
                .isInstanceOf(MalformedImportException.class)
                .hasMessageStartingWith("Line 2, column");
    }
}
