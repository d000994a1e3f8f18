package org.pmoresearch.analytics.messaging;

import org.pmoresearch.analytics.domain.CatalogueIds;
import org.pmoresearch.contracts.RespondentProfile;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a {@link SurveyResponseSubmitted} token by token when it has the shape survey-service writes: each property
 * at most once, strings, whole numbers and nulls where the contract has them, ids in the catalogue format, nothing
 * else. Its area and task ids come from {@link CatalogueIds}. Anything else is left to the data binding, which decides
 * what a record that is not in that shape means: this reader only does the common case with less work (the binding
 * took a fifth of a rebuild's time, and its new strings made every later lookup of an id compare characters), and
 * gives the same event the binding gives for it.
 */
final class SubmittedEventReader {

    private static final int UUID_LENGTH = 36;
    private static final String[] PROPERTIES = {"schemaVersion", "eventId", "responseId", "submittedAt",
            "catalogueVersion", "profile", "selections", "otherServices"};
    private static final int REQUIRED = 1 | 1 << 4;

    private final JsonMapper json;
    private final CatalogueIds ids;

    SubmittedEventReader(JsonMapper json, CatalogueIds ids) {
        this.json = json;
        this.ids = ids;
    }

    /**
     * @return the event, every area and task id of it in the catalogue format; null when the record is not in the
     *         shape this reader takes (the data binding then reads it)
     */
    SurveyResponseSubmitted read(byte[] value) {
        if (value == null) {
            return null;
        }
        try (JsonParser parser = json.createParser(value)) {
            SurveyResponseSubmitted event = readEvent(parser);
            return event != null && parser.nextToken() == null ? event : null;
        } catch (NotInShape | JacksonException | IllegalArgumentException | DateTimeException notInShape) {
            return null;
        }
    }

    private SurveyResponseSubmitted readEvent(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        int seen = 0;
        int schemaVersion = 0;
        UUID eventId = null;
        UUID responseId = null;
        Instant submittedAt = null;
        int catalogueVersion = 0;
        RespondentProfile profile = null;
        Map<String, List<String>> selections = null;
        String otherServices = null;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            int property = indexOf(name);
            if (property < 0 || (seen & (1 << property)) != 0) {
                return null;
            }
            seen |= 1 << property;
            JsonToken token = parser.nextToken();
            boolean isNull = token == JsonToken.VALUE_NULL;
            switch (property) {
                case 0 -> schemaVersion = intValue(parser, token);
                case 1 -> eventId = isNull ? null : uuid(parser, token);
                case 2 -> responseId = isNull ? null : uuid(parser, token);
                case 3 -> submittedAt = isNull ? null : instant(parser, token);
                case 4 -> catalogueVersion = intValue(parser, token);
                case 5 -> profile = isNull ? null : profile(parser, token);
                case 6 -> selections = isNull ? null : selections(parser, token);
                default -> otherServices = isNull ? null : string(parser, token);
            }
        }
        // The binding's defaults for absent numbers are left to it.
        if (parser.currentToken() != JsonToken.END_OBJECT || (seen & REQUIRED) != REQUIRED) {
            return null;
        }
        return new SurveyResponseSubmitted(schemaVersion, eventId, responseId, submittedAt, catalogueVersion, profile,
                selections, otherServices);
    }

    private static int indexOf(String name) {
        for (int i = 0; i < PROPERTIES.length; i++) {
            if (PROPERTIES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int intValue(JsonParser parser, JsonToken token) {
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
            throw new NotInShape();
        }
        return parser.getIntValue();
    }

    private static String string(JsonParser parser, JsonToken token) {
        if (token != JsonToken.VALUE_STRING) {
            throw new NotInShape();
        }
        return parser.getString();
    }

    private static UUID uuid(JsonParser parser, JsonToken token) {
        String text = string(parser, token);
        if (text.length() != UUID_LENGTH) {
            throw new NotInShape();
        }
        return UUID.fromString(text);
    }

    // As the survey writes instants; the binding reads other forms too.
    private static Instant instant(JsonParser parser, JsonToken token) {
        String text = string(parser, token);
        if (text.isEmpty() || text.charAt(text.length() - 1) != 'Z') {
            throw new NotInShape();
        }
        return UtcInstants.parse(text);
    }

    private static RespondentProfile profile(JsonParser parser, JsonToken token) {
        if (token != JsonToken.START_OBJECT) {
            throw new NotInShape();
        }
        String[] values = new String[RespondentProfile.FIELDS.size()];
        int seen = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            int field = RespondentProfile.FIELDS.indexOf(name);
            if (field < 0 || (seen & (1 << field)) != 0) {
                throw new NotInShape();
            }
            seen |= 1 << field;
            JsonToken value = parser.nextToken();
            values[field] = value == JsonToken.VALUE_NULL ? null : string(parser, value);
        }
        return RespondentProfile.of(values);
    }

    private Map<String, List<String>> selections(JsonParser parser, JsonToken token) {
        if (token != JsonToken.START_OBJECT) {
            throw new NotInShape();
        }
        Map<String, List<String>> selections = new LinkedHashMap<>();
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            String areaId = ids.id(name);
            if (areaId == null || parser.nextToken() != JsonToken.START_ARRAY) {
                throw new NotInShape();
            }
            List<String> taskIds = new ArrayList<>();
            for (JsonToken task = parser.nextToken(); task != JsonToken.END_ARRAY; task = parser.nextToken()) {
                if (task != JsonToken.VALUE_STRING) {
                    throw new NotInShape();
                }
                String taskId = ids.id(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
                if (taskId == null) {
                    throw new NotInShape();
                }
                taskIds.add(taskId);
            }
            if (selections.put(areaId, taskIds) != null) {
                throw new NotInShape();
            }
        }
        return selections;
    }

    /** The record is not in the shape this reader takes. */
    private static final class NotInShape extends RuntimeException {

        NotInShape() {
            super(null, null, false, false);
        }
    }
}
