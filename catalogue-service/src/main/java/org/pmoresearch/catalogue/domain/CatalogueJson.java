package org.pmoresearch.catalogue.domain;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON import, {@code {"groups": [{"id", "name", "description", "retired", "areas": [{..., "tasks":
 * [...]}]}]}} (the shape of the JSON export), token by token so that every problem can name its line and path.
 * A field the format does not know is a problem, not silently dropped.
 */
public final class CatalogueJson {

    private final JsonParser parser;
    private final List<ImportProblem> problems = new ArrayList<>();

    private CatalogueJson(JsonParser parser) {
        this.parser = parser;
    }

    /** @throws MalformedImportException when the bytes are not JSON */
    public static ImportedCatalogue read(JsonMapper jsonMapper, byte[] json) {
        try (JsonParser parser = jsonMapper.createParser(json)) {
            CatalogueJson reader = new CatalogueJson(parser);
            List<ImportedItem> groups = reader.document();
            if (parser.nextToken() != null) {
                reader.problem("$", "unexpected content after the catalogue object");
            }
            return new ImportedCatalogue(groups, reader.problems);
        } catch (StreamReadException e) {
            throw new MalformedImportException("Line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw new MalformedImportException(e.getOriginalMessage());
        }
    }

    private List<ImportedItem> document() {
        List<ImportedItem> groups = new ArrayList<>();
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            problem("$", "must be an object with a 'groups' array");
            parser.skipChildren();
            return groups;
        }
        boolean sawGroups = false;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String property = parser.currentName();
            parser.nextToken();
            if ("groups".equals(property)) {
                sawGroups = true;
                items(ItemKind.GROUP, "groups", groups);
            } else {
                unknownProperty(property);
            }
        }
        if (!sawGroups) {
            problems.add(new ImportProblem(1, "groups", "is required"));
        }
        return groups;
    }

    private void items(ItemKind kind, String path, List<ImportedItem> into) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            problem(path, "must be an array");
            parser.skipChildren();
            return;
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String itemPath = path + "[" + index++ + "]";
            if (parser.currentToken() == JsonToken.START_OBJECT) {
                into.add(item(kind, itemPath));
            } else {
                problem(itemPath, "must be an object");
                parser.skipChildren();
            }
        }
    }

    private ImportedItem item(ItemKind kind, String path) {
        int line = parser.currentTokenLocation().getLineNr();
        String childrenProperty = kind == ItemKind.GROUP ? "areas" : kind == ItemKind.AREA ? "tasks" : null;
        String id = null;
        String name = null;
        String description = null;
        boolean retired = false;
        List<ImportedItem> children = new ArrayList<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String property = parser.currentName();
            parser.nextToken();
            switch (property) {
                case "id" -> id = string(path + ".id");
                case "name" -> name = string(path + ".name");
                case "description" -> description = string(path + ".description");
                case "retired" -> retired = bool(path + ".retired");
                default -> {
                    if (property.equals(childrenProperty)) {
                        if (parser.currentToken() != JsonToken.VALUE_NULL) {
                            items(kind.childKind(), path + "." + property, children);
                        }
                    } else {
                        unknownProperty(path + "." + property);
                    }
                }
            }
        }
        return new ImportedItem(kind, line, new ImportedItem.Fields(path + ".id", path + ".name", path + ".description"),
                id, name, description, retired, children);
    }

    private String string(String path) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        if (token != JsonToken.VALUE_NULL) {
            problem(path, "must be a string");
            parser.skipChildren();
        }
        return null;
    }

    private boolean bool(String path) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        if (token != JsonToken.VALUE_NULL) {
            problem(path, "must be true or false");
            parser.skipChildren();
        }
        return false;
    }

    private void unknownProperty(String path) {
        problem(path, "unknown field");
        parser.skipChildren();
    }

    private void problem(String path, String reason) {
        problems.add(new ImportProblem(parser.currentTokenLocation().getLineNr(), path, reason));
    }
}
