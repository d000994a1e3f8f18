package org.pmoresearch.analytics.messaging;

import org.pmoresearch.analytics.domain.CatalogueIds;
import org.pmoresearch.analytics.messaging.ParsedResponse.Poison;
import org.pmoresearch.analytics.messaging.ParsedResponse.Submitted;
import org.pmoresearch.analytics.messaging.ParsedResponse.Withdrawn;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import org.pmoresearch.contracts.SurveyResponseWithdrawn;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/** Reads a record of the responses topic, telling the events apart by the event type header. */
@Component
class ResponseParser {

    static final String SUBMITTED = SurveyResponseSubmitted.class.getSimpleName();
    static final String WITHDRAWN = SurveyResponseWithdrawn.class.getSimpleName();

    private static final String NO_VALUE = "the record has no value";

    private final JsonMapper json;
    private final SubmittedEventReader reader;

    ResponseParser(JsonMapper json) {
        this.json = json;
        this.reader = new SubmittedEventReader(json, CatalogueIds.shared());
    }

    ParsedResponse parse(ResponseRecord record) {
        if (SUBMITTED.equals(record.eventType())) {
            return parseSubmitted(record.value());
        }
        if (WITHDRAWN.equals(record.eventType())) {
            return parseWithdrawn(record.value());
        }
        return new Poison(PoisonReason.UNKNOWN_EVENT_TYPE, "event type header: " + record.eventType());
    }

    private ParsedResponse parseSubmitted(byte[] value) {
        SurveyResponseSubmitted event = reader.read(value);
        // Read by the reader, every id is in the catalogue format already.
        boolean idsChecked = event != null;
        try {
            if (event == null) {
                event = read(value, SurveyResponseSubmitted.class);
            }
        } catch (JacksonException e) {
            return unparseable(e.getOriginalMessage());
        }
        if (event == null) {
            return unparseable(NO_VALUE);
        }
        if (event.schemaVersion() != SurveyResponseSubmitted.SCHEMA_VERSION) {
            return unsupportedSchemaVersion(event.schemaVersion());
        }
        if (event.responseId() == null) {
            return missingResponseId();
        }
        String selectionsProblem = selectionsProblem(event.selections(), idsChecked);
        if (selectionsProblem != null) {
            return new Poison(PoisonReason.INVALID_SELECTIONS, selectionsProblem);
        }
        return new Submitted(event);
    }

    private ParsedResponse parseWithdrawn(byte[] value) {
        SurveyResponseWithdrawn event;
        try {
            event = read(value, SurveyResponseWithdrawn.class);
        } catch (JacksonException e) {
            return unparseable(e.getOriginalMessage());
        }
        if (event == null) {
            return unparseable(NO_VALUE);
        }
        if (event.schemaVersion() != SurveyResponseWithdrawn.SCHEMA_VERSION) {
            return unsupportedSchemaVersion(event.schemaVersion());
        }
        if (event.responseId() == null) {
            return missingResponseId();
        }
        return new Withdrawn(event);
    }

    /** Null for a record without a value or with a JSON null. */
    private <T> T read(byte[] value, Class<T> type) {
        return value == null ? null : json.readValue(value, type);
    }

    private static String selectionsProblem(Map<String, List<String>> selections, boolean idsChecked) {
        if (selections == null || selections.isEmpty()) {
            return "no area selected";
        }
        if (idsChecked) {
            return null;
        }
        for (Map.Entry<String, List<String>> area : selections.entrySet()) {
            if (!CatalogueIds.isCatalogueId(area.getKey())) {
                return "invalid area id: " + area.getKey();
            }
            if (area.getValue() != null) {
                for (String taskId : area.getValue()) {
                    if (!CatalogueIds.isCatalogueId(taskId)) {
                        return "invalid task id in area " + area.getKey() + ": " + taskId;
                    }
                }
            }
        }
        return null;
    }

    private static Poison unparseable(String detail) {
        return new Poison(PoisonReason.UNPARSEABLE, detail);
    }

    private static Poison unsupportedSchemaVersion(int schemaVersion) {
        return new Poison(PoisonReason.UNSUPPORTED_SCHEMA_VERSION, "schemaVersion " + schemaVersion);
    }

    private static Poison missingResponseId() {
        return new Poison(PoisonReason.MISSING_RESPONSE_ID, "responseId is missing");
    }
}
