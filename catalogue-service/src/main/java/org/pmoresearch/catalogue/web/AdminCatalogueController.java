package org.pmoresearch.catalogue.web;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import org.pmoresearch.catalogue.config.CatalogueProperties;
import org.pmoresearch.catalogue.config.OpenApiConfig;
import org.pmoresearch.catalogue.domain.CatalogueCsv;
import org.pmoresearch.catalogue.domain.CatalogueDraft;
import org.pmoresearch.catalogue.domain.CatalogueEditor;
import org.pmoresearch.catalogue.domain.CatalogueJson;
import org.pmoresearch.catalogue.domain.CatalogueVersion;
import org.pmoresearch.catalogue.domain.Draft;
import org.pmoresearch.catalogue.domain.EditOperation;
import org.pmoresearch.catalogue.domain.ImportedCatalogue;
import org.pmoresearch.catalogue.domain.ItemKind;
import org.pmoresearch.catalogue.domain.MalformedImportException;
import org.pmoresearch.catalogue.domain.VersionSummary;
import org.pmoresearch.catalogue.messaging.CataloguePublisher;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.function.Consumer;

/**
 * The admin API: read and edit the draft, see what publishing it would change, publish it, import and export it.
 * Every write names the draft revision it was based on in If-Match and answers with the whole draft and its new ETag.
 */
@RestController
@RequestMapping("/api/admin/catalogue")
@SecurityRequirement(name = OpenApiConfig.ADMIN_SECURITY_SCHEME)
class AdminCatalogueController {

    private static final String TEXT_CSV_VALUE = "text/csv";
    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final CatalogueEditor editor;
    private final CataloguePublisher publisher;
    private final JsonMapper jsonMapper;
    private final CatalogueProperties properties;

    AdminCatalogueController(CatalogueEditor editor, CataloguePublisher publisher, JsonMapper jsonMapper,
                             CatalogueProperties properties) {
        this.editor = editor;
        this.publisher = publisher;
        this.jsonMapper = jsonMapper;
        this.properties = properties;
    }

    @GetMapping("/draft")
    ResponseEntity<Draft> draft() {
        return withETag(editor.draft());
    }

    @GetMapping("/diff")
    ResponseEntity<AdminResponses.Diff> diff() {
        AdminResponses.Diff diff = AdminResponses.Diff.of(editor.pendingChanges());
        return ResponseEntity.ok().eTag(IfMatch.eTagOf(diff.revision())).body(diff);
    }

    @PostMapping(path = "/groups", consumes = JSON)
    ResponseEntity<Draft> addGroup(@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                   @Valid @RequestBody AdminRequests.NewItem group, Principal user) {
        return edit(ifMatch, user, EditOperation.ADD,
                draft -> draft.add(ItemKind.GROUP, null, group.id(), group.name(), group.description()));
    }

    @PostMapping(path = "/groups/{groupId}/areas", consumes = JSON)
    ResponseEntity<Draft> addArea(@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                  @PathVariable String groupId, @Valid @RequestBody AdminRequests.NewItem area,
                                  Principal user) {
        return edit(ifMatch, user, EditOperation.ADD,
                draft -> draft.add(ItemKind.AREA, groupId, area.id(), area.name(), area.description()));
    }

    @PostMapping(path = "/areas/{areaId}/tasks", consumes = JSON)
    ResponseEntity<Draft> addTask(@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                  @PathVariable String areaId, @Valid @RequestBody AdminRequests.NewItem task,
                                  Principal user) {
        return edit(ifMatch, user, EditOperation.ADD,
                draft -> draft.add(ItemKind.TASK, areaId, task.id(), task.name(), task.description()));
    }

    /** Renames and/or re-describes a group, area or task. */
    @PatchMapping(path = "/{kinds:groups|areas|tasks}/{id}", consumes = JSON)
    ResponseEntity<Draft> update(@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                 @PathVariable String kinds, @PathVariable String id,
                                 @Valid @RequestBody AdminRequests.ItemChange change, Principal user) {
        return edit(ifMatch, user, EditOperation.UPDATE,
                draft -> draft.update(kindOf(kinds), id, change.name(), change.description()));
    }

    /** Moves an area to another group, or a task to another area. */
    @PostMapping(path = "/{kinds:areas|tasks}/{id}/move", consumes = JSON)
    ResponseEntity<Draft> move(@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                               @PathVariable String kinds, @PathVariable String id,
                               @Valid @RequestBody AdminRequests.Move move, Principal user) {
        return edit(ifMatch, user, EditOperation.MOVE, draft -> draft.move(kindOf(kinds), id, move.to(), move.position()));
    }

    @PostMapping(path = "/reorder", consumes = JSON)
    ResponseEntity<Draft> reorder(@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                  @Valid @RequestBody AdminRequests.Reorder reorder, Principal user) {
        return edit(ifMatch, user, EditOperation.REORDER, draft -> draft.reorder(reorder.parent(), reorder.order()));
    }

    /** Has no body, but like every write needs a JSON content type, which a cross-site form cannot send. */
    @PostMapping(path = "/{kinds:groups|areas|tasks}/{id}/retire", consumes = JSON)
    ResponseEntity<Draft> retire(@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                 @PathVariable String kinds, @PathVariable String id, Principal user) {
        return edit(ifMatch, user, EditOperation.RETIRE, draft -> draft.retire(kindOf(kinds), id));
    }

    @PostMapping(path = "/{kinds:groups|areas|tasks}/{id}/restore", consumes = JSON)
    ResponseEntity<Draft> restore(@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                  @PathVariable String kinds, @PathVariable String id, Principal user) {
        return edit(ifMatch, user, EditOperation.RESTORE, draft -> draft.restore(kindOf(kinds), id));
    }

    /**
     * Stores the draft as the next version and hands it to the publisher, which sends it to Kafka in the background
     * and keeps retrying until the broker acknowledges it: the answer does not wait for Kafka.
     */
    @PostMapping(path = "/publish", consumes = JSON)
    ResponseEntity<VersionSummary> publish(@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        CatalogueVersion version = editor.publish(IfMatch.expectedRevision(ifMatch));
        publisher.publishSoon();
        return ResponseEntity.created(URI.create("/api/catalogue/versions/" + version.version())).body(version.summary());
    }

    /** Replaces the whole draft with a JSON or CSV file, or changes nothing and lists every problem in it. */
    @PostMapping(path = "/import", consumes = {JSON, TEXT_CSV_VALUE})
    ResponseEntity<Draft> importCatalogue(@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                                          InputStream body, Principal user) throws IOException {
        long expectedRevision = IfMatch.expectedRevision(ifMatch);
        byte[] file = readAtMost(body, properties.importMaxSize().toBytes());
        ImportedCatalogue imported = MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
                ? CatalogueJson.read(jsonMapper, file)
                : CatalogueCsv.read(decode(file, contentType.getCharset() == null ? StandardCharsets.UTF_8 : contentType.getCharset()));
        return withETag(editor.importCatalogue(expectedRevision, user.getName(), imported));
    }

    @GetMapping(path = "/export.json", produces = JSON)
    ResponseEntity<byte[]> exportJson() {
        Draft draft = editor.draft();
        byte[] json = jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(new AdminResponses.CatalogueExport(draft.groups()));
        return download(draft, "json", MediaType.APPLICATION_JSON, json);
    }

    @GetMapping(path = "/export.csv", produces = TEXT_CSV_VALUE)
    ResponseEntity<byte[]> exportCsv() {
        Draft draft = editor.draft();
        byte[] csv = CatalogueCsv.write(draft.groups()).getBytes(StandardCharsets.UTF_8);
        return download(draft, "csv", new MediaType("text", "csv", StandardCharsets.UTF_8), csv);
    }

    private ResponseEntity<Draft> edit(String ifMatch, Principal user, EditOperation operation, Consumer<CatalogueDraft> change) {
        return withETag(editor.edit(IfMatch.expectedRevision(ifMatch), user.getName(), operation, change));
    }

    private static ResponseEntity<Draft> withETag(Draft draft) {
        return ResponseEntity.ok().eTag(IfMatch.eTagOf(draft.revision())).body(draft);
    }

    /** The ETag lets an organiser import an edited export with If-Match, refused if the draft changed meanwhile. */
    private static ResponseEntity<byte[]> download(Draft draft, String extension, MediaType type, byte[] content) {
        return ResponseEntity.ok()
                .eTag(IfMatch.eTagOf(draft.revision()))
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("catalogue-draft-r" + draft.revision() + "." + extension).build().toString())
                .body(content);
    }

    private static ItemKind kindOf(String kinds) {
        return switch (kinds) {
            case "groups" -> ItemKind.GROUP;
            case "areas" -> ItemKind.AREA;
            default -> ItemKind.TASK;
        };
    }

    private static byte[] readAtMost(InputStream body, long maxBytes) throws IOException {
        byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (content.length > maxBytes) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                    "An import file may have at most " + maxBytes + " bytes");
            problem.setType(ProblemTypes.IMPORT_TOO_LARGE);
            throw new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
        }
        return content;
    }

    private static String decode(byte[] content, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedImportException("The CSV file is not valid " + charset.name() + " text");
        }
    }
}
