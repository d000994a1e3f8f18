package org.pmoresearch.catalogue.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.pmoresearch.catalogue.store.CatalogueVersionStore;
import org.pmoresearch.catalogue.store.DraftStore;
import org.pmoresearch.contracts.CatalogueGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Edits and publishes the draft. Every edit reads the draft, checks that it is still at the revision the editor
 * saw, applies the change to a working copy and replaces the stored draft only if nobody stored another revision
 * meanwhile: two organisers editing at once never overwrite each other silently.
 */
@Service
public class CatalogueEditor {

    private static final Logger log = LoggerFactory.getLogger(CatalogueEditor.class);

    private final DraftStore drafts;
    private final CatalogueVersionStore versions;
    private final CatalogueSeeder seeder;
    private final Map<EditOperation, Counter> edits = new EnumMap<>(EditOperation.class);

    public CatalogueEditor(DraftStore drafts, CatalogueVersionStore versions, CatalogueSeeder seeder,
                           MeterRegistry meterRegistry) {
        this.drafts = drafts;
        this.versions = versions;
        this.seeder = seeder;
        for (EditOperation operation : EditOperation.values()) {
            edits.put(operation, Counter.builder("pmo.catalogue.draft.edits")
                    .description("Draft edits stored, by operation")
                    .tag("operation", operation.label())
                    .register(meterRegistry));
        }
    }

    /** The current draft; the first call creates it from the latest published version. */
    public Draft draft() {
        return drafts.find().orElseGet(this::createDraftFromLatestVersion);
    }

    /**
     * @throws StaleDraftException     if the draft is no longer at {@code expectedRevision}
     * @throws CatalogueRuleException  if the change breaks a rule
     * @throws ItemNotFoundException   if the change names an item the draft does not have
     */
    public Draft edit(long expectedRevision, String user, EditOperation operation, Consumer<CatalogueDraft> change) {
        Draft current = draftAt(expectedRevision);
        CatalogueDraft working = CatalogueDraft.of(current.groups(), versions.history());
        change.accept(working);
        return store(current, working.groups(), user, operation);
    }

    /**
     * Replaces the whole draft with an imported catalogue.
     *
     * @throws ImportRejectedException listing every problem, if there is any; the draft is then unchanged
     */
    public Draft importCatalogue(long expectedRevision, String user, ImportedCatalogue imported) {
        Draft current = draftAt(expectedRevision);
        List<DraftGroup> groups = CatalogueImport.apply(CatalogueDraft.of(current.groups(), versions.history()), imported);
        return store(current, groups, user, EditOperation.IMPORT);
    }

    public PendingChanges pendingChanges() {
        Draft draft = draft();
        CatalogueHistory history = versions.history();
        CatalogueVersion latest = latestVersion();
        CatalogueDraft working = CatalogueDraft.of(draft.groups(), history);
        List<CatalogueGroup> groups = working.published();
        List<CatalogueChange> changes = Changelog.between(latest.groups(), groups, history);
        List<Violation> problems = new ArrayList<>(working.publicationProblems());
        if (changes.isEmpty()) {
            problems.add(new Violation("draft", "the draft has no changes against version " + latest.version()));
        }
        return new PendingChanges(draft, latest.version(), groups, changes, problems);
    }

    /**
     * Stores the draft, as it is at {@code expectedRevision}, as the next version with its changelog. Publishing
     * it to Kafka is left to the publisher, which retries until the broker acknowledges it.
     *
     * @throws CatalogueRuleException   if the draft cannot be published (no changes, a group with no area...)
     * @throws VersionConflictException if another publication stored the same version number first
     */
    public CatalogueVersion publish(long expectedRevision) {
        PendingChanges pending = pendingChanges();
        if (pending.draft().revision() != expectedRevision) {
            throw new StaleDraftException(expectedRevision, pending.draft().revision());
        }
        if (!pending.problems().isEmpty()) {
            throw new CatalogueRuleException(pending.problems());
        }
        CatalogueVersion next = new CatalogueVersion(pending.publishedVersion() + 1, UUID.randomUUID(), now(),
                pending.groups(), pending.changes());
        try {
            versions.insert(next);
        } catch (DuplicateKeyException e) {
            throw new VersionConflictException(next.version());
        }
        log.info("Stored catalogue version {} from draft revision {} with {} change(s)", next.version(),
                expectedRevision, next.changes().size());
        return next;
    }

    private Draft draftAt(long expectedRevision) {
        Draft current = draft();
        if (current.revision() != expectedRevision) {
            throw new StaleDraftException(expectedRevision, current.revision());
        }
        return current;
    }

    private Draft store(Draft current, List<DraftGroup> groups, String user, EditOperation operation) {
        Draft next = new Draft(current.revision() + 1, now(), user, groups);
        if (!drafts.replace(current.revision(), next)) {
            throw new StaleDraftException(current.revision(), draft().revision());
        }
        edits.get(operation).increment();
        return next;
    }

    private Draft createDraftFromLatestVersion() {
        CatalogueVersion latest = latestVersion();
        Draft created = drafts.insertIfAbsent(new Draft(1, now(), null, CatalogueDraft.fromPublished(latest.groups())));
        log.info("Created the draft from catalogue version {}", latest.version());
        return created;
    }

    private CatalogueVersion latestVersion() {
        return versions.findLatest().orElseGet(() -> {
            seeder.seedFirstVersionIfEmpty();
            return versions.findLatest().orElseThrow();
        });
    }

    /** MongoDB keeps milliseconds: truncate so that what is stored and what is returned are the same instant. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
