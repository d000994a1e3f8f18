package org.pmoresearch.analytics;

import org.pmoresearch.analytics.domain.ProfileDimensions;
import org.pmoresearch.analytics.domain.ProfileDimensions.Dimension;
import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.CatalogueTask;
import org.pmoresearch.contracts.RespondentProfile;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import org.pmoresearch.contracts.SurveyResponseWithdrawn;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Events as the other services publish them, the catalogue versions the tests use, and random answers. */
public final class TestEvents {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final ProfileDimensions DIMENSIONS = ProfileDimensions.load(JSON);

    /** The profile of {@link #submitted(UUID, Map)}. */
    public static final RespondentProfile DEFAULT_PROFILE =
            new RespondentProfile("enterprise", "pmo-manager", null, null, null, null, null, null);

    /** Random profiles never use this region: a test gives it exactly the respondents it needs. */
    public static final String CONTROLLED_REGION = "oceania";
    /** Nobody ever answers this sector: its segment always has fewer than k respondents. */
    public static final String EMPTY_SECTOR = "charity-non-profit";

    /** Version 1 has an area that version 2 drops, so responses to version 1 can name it. */
    public static final CataloguePublished CATALOGUE_V1 = catalogue(1, List.of(
            group("planning", area("portfolio-analysis", "Portfolio analysis & reporting",
                            task("consolidated-dashboard", "Consolidated dashboard"), task("rag-roll-up", "RAG roll-up")),
                    area("benefits-management", "Benefits management",
                            task("benefits-register", "Benefits register"))),
            group("delivery", area("risk-management", "Risk management",
                            task("risk-register", "Risk register"), task("risk-workshops", "Risk workshops")),
                    area("legacy-assurance", "Legacy assurance", task("legacy-audit", "Legacy audit")))));

    public static final CataloguePublished CATALOGUE_V2 = catalogue(2, v2Groups());

    private TestEvents() {
    }

    /** A later version with version 2's content: published by tests about catalogue versions that arrive late. */
    public static CataloguePublished catalogueLike2(int version) {
        return catalogue(version, v2Groups());
    }

    public static SurveyResponseSubmitted submitted(UUID responseId, Map<String, List<String>> selections) {
        return submitted(responseId, DEFAULT_PROFILE, selections, 1);
    }

    public static SurveyResponseSubmitted submitted(UUID responseId, RespondentProfile profile,
            Map<String, List<String>> selections, int catalogueVersion) {
        return new SurveyResponseSubmitted(SurveyResponseSubmitted.SCHEMA_VERSION, UUID.randomUUID(), responseId,
                Instant.now(), catalogueVersion, profile, selections, null);
    }

    public static SurveyResponseWithdrawn withdrawn(UUID responseId) {
        return new SurveyResponseWithdrawn(SurveyResponseWithdrawn.SCHEMA_VERSION, UUID.randomUUID(), responseId,
                Instant.now());
    }

    /** One to three areas of catalogue version 1, each with some of its tasks (possibly none). */
    public static Map<String, List<String>> randomSelections(Random random) {
        List<CatalogueArea> areas = new ArrayList<>();
        CATALOGUE_V1.groups().forEach(group -> areas.addAll(group.areas()));
        Map<String, List<String>> selections = new LinkedHashMap<>();
        int areaCount = 1 + random.nextInt(3);
        while (selections.size() < areaCount) {
            CatalogueArea area = areas.get(random.nextInt(areas.size()));
            List<String> tasks = new ArrayList<>();
            area.tasks().forEach(task -> {
                if (random.nextBoolean()) {
                    tasks.add(task.id());
                }
            });
            selections.put(area.id(), tasks);
        }
        return selections;
    }

    /** Each dimension answered four times in five, never with the controlled region or the empty sector. */
    public static RespondentProfile randomProfile(Random random) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Dimension dimension : DIMENSIONS.all()) {
            List<String> values = dimension.options().stream().map(ProfileDimensions.Option::value)
                    .filter(value -> !value.equals(CONTROLLED_REGION) && !value.equals(EMPTY_SECTOR))
                    .toList();
            answers.put(dimension.id(), random.nextInt(5) == 0 ? null : values.get(random.nextInt(values.size())));
        }
        return profile(answers);
    }

    /** @param answers dimension id to value; missing ones unanswered */
    public static RespondentProfile profile(Map<String, String> answers) {
        return new RespondentProfile(answers.get("pmoType"), answers.get("role"), answers.get("sector"),
                answers.get("region"), answers.get("organisationSize"), answers.get("pmoHeadcount"),
                answers.get("yearsInPmo"), answers.get("employment"));
    }

    public static byte[] json(Object event) {
        return JSON.writeValueAsBytes(event);
    }

    private static List<CatalogueGroup> v2Groups() {
        return List.of(
                group("planning", area("portfolio-analysis", "Portfolio analysis & reporting",
                                task("consolidated-dashboard", "Consolidated dashboard"), task("rag-roll-up", "RAG roll-up")),
                        area("benefits-management", "Benefits management",
                                task("benefits-register", "Benefits register"))),
                group("delivery", area("risk-management", "Risk management",
                        task("risk-register", "Risk register"), task("risk-workshops", "Risk workshops"))),
                group("centre-of-excellence", area("ppm-tools", "PPM tools",
                        task("tool-administration", "Tool administration"))));
    }

    private static CataloguePublished catalogue(int version, List<CatalogueGroup> groups) {
        return new CataloguePublished(CataloguePublished.SCHEMA_VERSION, UUID.randomUUID(), version, Instant.now(),
                groups);
    }

    private static CatalogueGroup group(String id, CatalogueArea... areas) {
        return new CatalogueGroup(id, id, null, List.of(areas));
    }

    private static CatalogueArea area(String id, String name, CatalogueTask... tasks) {
        return new CatalogueArea(id, name, null, List.of(tasks));
    }

    private static CatalogueTask task(String id, String name) {
        return new CatalogueTask(id, name, null);
    }
}
