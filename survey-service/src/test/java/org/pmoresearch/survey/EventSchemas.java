package org.pmoresearch.survey;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Checks published records against the JSON Schemas the contracts module ships. */
public final class EventSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private EventSchemas() {
    }

    public static List<Error> violations(Class<?> event, byte[] json) {
        String resource = "/schemas/" + event.getSimpleName() + ".schema.json";
        try (InputStream schema = event.getResourceAsStream(resource)) {
            if (schema == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return SCHEMAS.getSchema(JSON.readTree(schema)).validate(JSON.readTree(json));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
