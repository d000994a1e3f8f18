package org.pmoresearch.catalogue.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmoresearch.catalogue.MongoJavaServerConfiguration;
import org.pmoresearch.catalogue.config.AdminProperties;
import org.pmoresearch.catalogue.config.CatalogueProperties;
import org.pmoresearch.catalogue.config.CorsProperties;
import org.pmoresearch.catalogue.config.MongoConfig;
import org.pmoresearch.catalogue.config.SecurityConfig;
import org.pmoresearch.catalogue.config.UserAccountsProperties;
import org.pmoresearch.catalogue.domain.CatalogueEditor;
import org.pmoresearch.catalogue.domain.CatalogueSeeder;
import org.pmoresearch.catalogue.domain.SeedCatalogue;
import org.pmoresearch.catalogue.messaging.CataloguePublisher;
import org.pmoresearch.catalogue.store.CatalogueVersionStore;
import org.pmoresearch.catalogue.store.DraftStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admin API, its security and the public version endpoints, on the real stores (mongo-java-server) without
 * Kafka: the publisher, the only part that talks to Kafka, is replaced and only checked to be called.
 */
@WebMvcTest
@ImportAutoConfiguration({MongoAutoConfiguration.class, DataMongoAutoConfiguration.class,
        SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class})
@EnableConfigurationProperties({CatalogueProperties.class, AdminProperties.class, UserAccountsProperties.class, CorsProperties.class})
@Import({SecurityConfig.class, MongoConfig.class, MongoJavaServerConfiguration.class, CatalogueEditor.class,
        DraftStore.class, CatalogueVersionStore.class, CatalogueSeeder.class, SeedCatalogue.class, SimpleMeterRegistry.class})
class AdminCatalogueApiTest {

    private static final String ADMIN_PASSWORD = "admin-password";
    private static final String VIEWER_PASSWORD = "viewer-password";
    private static final String OTHER_SERVICE_ORIGIN = "http://localhost:8082";
    private static final RequestPostProcessor ADMIN = httpBasic("admin", ADMIN_PASSWORD);
    private static final RequestPostProcessor VIEWER = httpBasic("viewer", VIEWER_PASSWORD);
    private static final String API = "/api/admin/catalogue";
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    @DynamicPropertySource
    static void accountsAndOrigins(DynamicPropertyRegistry registry) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        registry.add("pmo.admin.password-hash", () -> bcrypt.encode(ADMIN_PASSWORD));
        registry.add("pmo.security.users[0].username", () -> "viewer");
        registry.add("pmo.security.users[0].password-hash", () -> bcrypt.encode(VIEWER_PASSWORD));
        registry.add("pmo.security.users[0].roles", () -> "VIEWER");
        registry.add("pmo.cors.allowed-origins", () -> OTHER_SERVICE_ORIGIN);
    }

    @MockitoBean
    CataloguePublisher publisher;

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CatalogueSeeder seeder;
    @Autowired
    MeterRegistry meterRegistry;

    @BeforeEach
    void startFromTheSeedCatalogue() {
        mongo.getDb().drop();
        seeder.seedFirstVersionIfEmpty();
    }

    // Security

    @Test
    void theAdminApiWithoutCredentialsIs401WithABasicChallenge() throws Exception {
        mvc.perform(get(API + "/draft"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"pmo-catalogue-admin\""))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(post(API + "/publish").contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.IF_MATCH, "\"1\""))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void theAdminPageAsksForTheSameCredentialAsTheApi() throws Exception {
        mvc.perform(get("/admin/catalogue/"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"pmo-catalogue-admin\""));
        mvc.perform(get("/admin/catalogue/admin.js")).andExpect(status().isUnauthorized());
    }

    @Test
    void aWrongPasswordIs401() throws Exception {
        mvc.perform(get(API + "/draft").with(httpBasic("admin", "not the password")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aUserWithoutTheAdminRoleIs403() throws Exception {
        mvc.perform(get(API + "/draft").with(VIEWER))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
        mvc.perform(post(API + "/publish").with(VIEWER).contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.IF_MATCH, "\"1\""))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/catalogue/").with(VIEWER)).andExpect(status().isForbidden());
        assertThat(versionCount()).isEqualTo(1);
    }

    @Test
    void publicReadsNeedNoCredentials() throws Exception {
        mvc.perform(get("/api/catalogue/versions")).andExpect(status().isOk());
        mvc.perform(get("/api/catalogue/versions/1/changes")).andExpect(status().isOk());
    }

    @Test
    void pagesOfTheConfiguredOriginsMayReadThePublicCatalogueWithoutCredentials() throws Exception {
        mvc.perform(get("/api/catalogue").header(HttpHeaders.ORIGIN, OTHER_SERVICE_ORIGIN))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, OTHER_SERVICE_ORIGIN))
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS));
        mvc.perform(get("/api/catalogue").header(HttpHeaders.ORIGIN, "https://elsewhere.example"))
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
    }

    @Test
    void theAdminApiAdmitsNoOtherOrigin() throws Exception {
        mvc.perform(options(API + "/draft")
                        .header(HttpHeaders.ORIGIN, OTHER_SERVICE_ORIGIN)
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PATCH")
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "if-match,content-type"))
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
        mvc.perform(get(API + "/draft").with(ADMIN).header(HttpHeaders.ORIGIN, OTHER_SERVICE_ORIGIN))
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
    }

    // Optimistic concurrency

    @Test
    void theDraftComesWithItsRevisionAsETag() throws Exception {
        mvc.perform(get(API + "/draft").with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
                .andExpect(jsonPath("$.revision").value(1))
                .andExpect(jsonPath("$.groups[0].id").value("planning"))
                .andExpect(jsonPath("$.groups[0].retired").value(false))
                .andExpect(jsonPath("$.groups[0].areas[0].tasks[0].id").value("portfolio-register"));
    }

    @Test
    void aWriteWithoutIfMatchIs428AndChangesNothing() throws Exception {
        mvc.perform(patch(API + "/areas/reporting").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"Status reporting\"}"))
                .andExpect(status().isPreconditionRequired())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(428))
                .andExpect(jsonPath("$.detail").value(containsString("If-Match")));
        mvc.perform(patch(API + "/areas/reporting").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.IF_MATCH, "*").content("{\"name\": \"Status reporting\"}"))
                .andExpect(status().isPreconditionRequired());

        assertThat(draftRevision()).isEqualTo(1);
    }

    @Test
    void aWriteBasedOnAStaleRevisionIs412AndDoesNotOverwriteTheOtherEdit() throws Exception {
        String firstOrganiserSaw = eTag();
        String secondOrganiserSaw = eTag();
        write(patch(API + "/areas/reporting"), firstOrganiserSaw, "{\"name\": \"Status reporting\"}")
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"2\""));

        write(patch(API + "/areas/reporting"), secondOrganiserSaw, "{\"name\": \"Highlight reporting\"}")
                .andExpect(status().isPreconditionFailed())
                .andExpect(header().string(HttpHeaders.ETAG, "\"2\""))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:pmoresearch:problem:draft-changed"))
                .andExpect(jsonPath("$.detail").value(containsString("Someone else changed the draft")));

        mvc.perform(get(API + "/draft").with(ADMIN))
                .andExpect(jsonPath("$.groups[1].areas[2].id").value("reporting"))
                .andExpect(jsonPath("$.groups[1].areas[2].name").value("Status reporting"));
    }

    @Test
    void anIfMatchThatIsNoRevisionIs412() throws Exception {
        write(post(API + "/tasks/risk-register/retire"), "W/\"1\"", null).andExpect(status().isPreconditionFailed());
        write(post(API + "/tasks/risk-register/retire"), "\"banana\"", null).andExpect(status().isPreconditionFailed());
    }

    @Test
    void aWriteWithoutAJsonContentTypeIs415() throws Exception {
        mvc.perform(post(API + "/tasks/risk-register/retire").with(ADMIN).header(HttpHeaders.IF_MATCH, eTag()))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post(API + "/tasks/risk-register/retire").with(ADMIN).header(HttpHeaders.IF_MATCH, eTag())
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED))
                .andExpect(status().isUnsupportedMediaType());
        assertThat(draftRevision()).isEqualTo(1);
    }

    // Edits

    @Test
    void renamesAndDescribesAnItemAndCountsTheEdit() throws Exception {
        double before = edits("update");

        write(patch(API + "/areas/reporting"), eTag(), "{\"name\": \"  Status reporting \", \"description\": \"Weekly and monthly status.\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.revision").value(2))
                .andExpect(jsonPath("$.updatedBy").value("admin"))
                .andExpect(jsonPath("$.groups[1].areas[2].name").value("Status reporting"))
                .andExpect(jsonPath("$.groups[1].areas[2].description").value("Weekly and monthly status."));

        assertThat(edits("update")).isEqualTo(before + 1);
    }

    @Test
    void addsAGroupAnAreaAndATaskWithIdsMadeFromTheirNamesUnlessGiven() throws Exception {
        write(post(API + "/groups"), eTag(), "{\"name\": \"Portfolio & Programme Office\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.groups[4].id").value("portfolio-programme-office"));
        write(post(API + "/groups/portfolio-programme-office/areas"), eTag(), "{\"name\": \"Reporting\", \"description\": \"Same name, new id\"}")
                .andExpect(jsonPath("$.groups[4].areas[0].id").value("reporting-2"));
        write(post(API + "/areas/reporting-2/tasks"), eTag(), "{\"id\": \"board-dashboard\", \"name\": \"Board dashboard\"}")
                .andExpect(jsonPath("$.groups[4].areas[0].tasks[0].id").value("board-dashboard"))
                .andExpect(jsonPath("$.groups[4].areas[0].tasks[0].retired").value(false));
    }

    @Test
    void anIdAlreadyInUseIs422NamingTheField() throws Exception {
        write(post(API + "/groups/planning/areas"), eTag(), "{\"id\": \"risk-register\", \"name\": \"Risks\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:pmoresearch:problem:catalogue-rule-violated"))
                .andExpect(jsonPath("$.errors[0].field").value("id"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("task 'Risk register'")));
        assertThat(draftRevision()).isEqualTo(1);
    }

    @Test
    void anUnknownItemIs404() throws Exception {
        write(patch(API + "/tasks/no-such-task"), eTag(), "{\"name\": \"X\"}")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(containsString("no-such-task")));
        write(patch(API + "/areas/risk-register"), eTag(), "{\"name\": \"An area?\"}")
                .andExpect(status().isNotFound());
    }

    @Test
    void invalidBodiesAre400NamingTheField() throws Exception {
        write(post(API + "/groups/planning/areas"), eTag(), "{\"name\": \" \", \"id\": \"Not A Slug\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("name")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("id")));
        write(patch(API + "/areas/reporting"), eTag(), "{\"name\": \"Reporting\", \"colour\": \"red\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("colour"));
        write(patch(API + "/areas/reporting"), eTag(), "{\"name\": ")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(startsWith("Malformed JSON")));
        assertThat(draftRevision()).isEqualTo(1);
    }

    @Test
    void movesATaskToAnotherAreaAndReordersTheGroups() throws Exception {
        double movesBefore = edits("move");

        write(post(API + "/tasks/risk-escalation/move"), eTag(), "{\"to\": \"issue-management\", \"position\": 1}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.groups[1].areas[4].tasks[0].id").value("risk-escalation"));
        assertThat(edits("move")).isEqualTo(movesBefore + 1);

        write(post(API + "/reorder"), eTag(), "{\"order\": [\"delivery\", \"planning\", \"centre-of-excellence\", \"pmo-leadership\"]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.groups[0].id").value("delivery"));
        write(post(API + "/reorder"), eTag(), "{\"order\": [\"delivery\", \"planning\"]}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("order"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("missing")));
    }

    @Test
    void retiresAndRestoresKeepingTheItemInPlace() throws Exception {
        write(post(API + "/tasks/risk-register/retire"), eTag(), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.groups[1].areas[3].tasks[0].id").value("risk-register"))
                .andExpect(jsonPath("$.groups[1].areas[3].tasks[0].retired").value(true));
        write(post(API + "/tasks/risk-register/retire"), eTag(), null)
                .andExpect(status().isUnprocessableContent());
        write(post(API + "/tasks/risk-register/restore"), eTag(), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.groups[1].areas[3].tasks[0].retired").value(false));
    }

    // Diff and publishing

    @Test
    void theDiffShowsWhatPublishingWouldChange() throws Exception {
        write(patch(API + "/areas/reporting"), eTag(), "{\"name\": \"Status reporting\"}");
        write(post(API + "/tasks/risk-register/retire"), eTag(), null);

        mvc.perform(get(API + "/diff").with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"3\""))
                .andExpect(jsonPath("$.publishedVersion").value(1))
                .andExpect(jsonPath("$.revision").value(3))
                .andExpect(jsonPath("$.changes", hasSize(2)))
                .andExpect(jsonPath("$.changes[0].type").value("renamed"))
                .andExpect(jsonPath("$.changes[0].kind").value("area"))
                .andExpect(jsonPath("$.changes[0].from").value("Reporting"))
                .andExpect(jsonPath("$.changes[0].to").value("Status reporting"))
                .andExpect(jsonPath("$.changes[1].type").value("retired"))
                .andExpect(jsonPath("$.changes[1].id").value("risk-register"))
                .andExpect(jsonPath("$.problems", hasSize(0)));
    }

    @Test
    void publishingStoresTheNextVersionWithItsChangelogAndHandsItToThePublisher() throws Exception {
        write(patch(API + "/areas/reporting"), eTag(), "{\"name\": \"Status reporting\"}");
        write(post(API + "/tasks/risk-register/retire"), eTag(), null);
        write(post(API + "/tasks/risk-escalation/move"), eTag(), "{\"to\": \"issue-management\"}");

        write(post(API + "/publish"), eTag(), null)
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/catalogue/versions/2"))
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.publishedAt").isNotEmpty())
                .andExpect(jsonPath("$.changeCount").value(3));
        verify(publisher).publishSoon();

        mvc.perform(get("/api/catalogue/versions"))
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[0].version").value(1))
                .andExpect(jsonPath("$[1].version").value(2))
                .andExpect(jsonPath("$[1].changeCount").value(3));
        mvc.perform(get("/api/catalogue/versions/2"))
                .andExpect(jsonPath("$.groups[1].areas[2].name").value("Status reporting"))
                .andExpect(jsonPath("$.groups[1].areas[3].tasks[*].id", not(hasItem("risk-register"))))
                .andExpect(jsonPath("$.groups[1].areas[4].tasks[-1:].id", hasItem("risk-escalation")));
        mvc.perform(get("/api/catalogue/versions/2/changes"))
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.previousVersion").value(1))
                .andExpect(jsonPath("$.changes[*].type", hasItem("renamed")))
                .andExpect(jsonPath("$.changes[?(@.type == 'moved')].from", hasItem("risk-management")))
                .andExpect(jsonPath("$.changes[?(@.type == 'moved')].to", hasItem("issue-management")))
                .andExpect(jsonPath("$.changes[?(@.type == 'retired')].id", hasItem("risk-register")));
        mvc.perform(get("/api/catalogue/versions/1"))
                .andExpect(jsonPath("$.groups[1].areas[2].name").value("Reporting"))
                .andExpect(jsonPath("$.groups[1].areas[3].tasks[0].id").value("risk-register"));
        mvc.perform(get("/api/catalogue/versions/1/changes"))
                .andExpect(jsonPath("$.previousVersion").doesNotExist())
                .andExpect(jsonPath("$.changes[0].type").value("added"));
        mvc.perform(get(API + "/diff").with(ADMIN))
                .andExpect(jsonPath("$.publishedVersion").value(2))
                .andExpect(jsonPath("$.changes", hasSize(0)));
    }

    @Test
    void anItemRetiredInOneVersionAndBackInTheNextIsRestored() throws Exception {
        write(post(API + "/tasks/risk-register/retire"), eTag(), null);
        write(post(API + "/publish"), eTag(), null).andExpect(status().isCreated());
        write(post(API + "/tasks/risk-register/restore"), eTag(), null);

        write(post(API + "/publish"), eTag(), null).andExpect(status().isCreated());

        mvc.perform(get("/api/catalogue/versions/3/changes"))
                .andExpect(jsonPath("$.changes", hasSize(1)))
                .andExpect(jsonPath("$.changes[0].type").value("restored"))
                .andExpect(jsonPath("$.changes[0].id").value("risk-register"));
    }

    @Test
    void publishingADraftWithoutChangesIs422() throws Exception {
        write(post(API + "/publish"), eTag(), null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("draft"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("no changes")));
        verify(publisher, never()).publishSoon();
        assertThat(versionCount()).isEqualTo(1);
    }

    @Test
    void publishingAGroupWithNoAreaLeftIs422NamingTheGroup() throws Exception {
        write(post(API + "/areas/executive-decision-support/retire"), eTag(), null);
        write(post(API + "/areas/running-the-pmo/retire"), eTag(), null);

        write(post(API + "/publish"), eTag(), null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("pmo-leadership"));
        assertThat(versionCount()).isEqualTo(1);
    }

    @Test
    void publishingAStaleRevisionIs412() throws Exception {
        String stale = eTag();
        write(patch(API + "/areas/reporting"), stale, "{\"name\": \"Status reporting\"}");

        write(post(API + "/publish"), stale, null).andExpect(status().isPreconditionFailed());
        assertThat(versionCount()).isEqualTo(1);
    }

    // Import and export

    @Test
    void anExportedCsvImportsBackToTheIdenticalDraft() throws Exception {
        write(post(API + "/tasks/risk-register/retire"), eTag(), null);
        write(patch(API + "/tasks/issue-log"), eTag(), "{\"description\": \"Log issues, \\\"all\\\" of them,\\nthen review.\"}");
        MockHttpServletResponse export = mvc.perform(get(API + "/export.csv").with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(CSV))
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, containsString("attachment")))
                .andReturn().getResponse();
        String draftBefore = draftGroupsJson();
        double importsBefore = edits("import");

        mvc.perform(post(API + "/import").with(ADMIN).header(HttpHeaders.IF_MATCH, export.getHeader(HttpHeaders.ETAG))
                        .contentType("text/csv; charset=UTF-8").content(export.getContentAsByteArray()))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"4\""));

        assertThat(draftGroupsJson()).isEqualTo(draftBefore);
        byte[] exportedAgain = mvc.perform(get(API + "/export.csv").with(ADMIN)).andReturn().getResponse().getContentAsByteArray();
        assertThat(exportedAgain).isEqualTo(export.getContentAsByteArray());
        assertThat(edits("import")).isEqualTo(importsBefore + 1);
    }

    @Test
    void anExportedJsonImportsBackToTheIdenticalDraft() throws Exception {
        write(post(API + "/areas/ppm-tools/retire"), eTag(), null);
        MockHttpServletResponse export = mvc.perform(get(API + "/export.json").with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn().getResponse();
        String draftBefore = draftGroupsJson();

        mvc.perform(post(API + "/import").with(ADMIN).header(HttpHeaders.IF_MATCH, export.getHeader(HttpHeaders.ETAG))
                        .contentType(MediaType.APPLICATION_JSON).content(export.getContentAsByteArray()))
                .andExpect(status().isOk());

        assertThat(draftGroupsJson()).isEqualTo(draftBefore);
        assertThat(mvc.perform(get(API + "/export.json").with(ADMIN)).andReturn().getResponse().getContentAsByteArray())
                .isEqualTo(export.getContentAsByteArray());
    }

    @Test
    void aCsvImportWithProblemsIs422ListingEveryProblemWithItsLineAndChangesNothing() throws Exception {
        write(post(API + "/tasks/risk-register/retire"), eTag(), null);
        String exported = mvc.perform(get(API + "/export.csv").with(ADMIN)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(exported.split("\r\n")));
        int retiredLine = lineStartingWith(lines, "delivery,Delivery,risk-management,Risk management,risk-register,");
        lines.set(retiredLine - 1, lines.get(retiredLine - 1).replaceAll(",yes$", ","));
        lines.add("planning,Planning,portfolio-build-prioritisation,Portfolio build & prioritisation,portfolio-register,Register again,,");
        lines.add("new-group,,,,,,,");
        lines.add(",Plannning,,Benefits tracking,,,,");
        lines.add("planning,Planning,,,,Orphan task,,");
        int firstAdded = lines.size() - 3;
        String before = draftGroupsJson();

        mvc.perform(post(API + "/import").with(ADMIN).header(HttpHeaders.IF_MATCH, eTag()).contentType(CSV)
                        .content(String.join("\r\n", lines) + "\r\n"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:pmoresearch:problem:catalogue-import-rejected"))
                .andExpect(jsonPath("$.errors", hasSize(5)))
                .andExpect(jsonPath("$.errors[0].line").value(retiredLine))
                .andExpect(jsonPath("$.errors[0].field").value("task_id"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("retired task")))
                .andExpect(jsonPath("$.errors[1].line").value(firstAdded))
                .andExpect(jsonPath("$.errors[1].field").value("task_id"))
                .andExpect(jsonPath("$.errors[1].reason").value(containsString("already used on line")))
                .andExpect(jsonPath("$.errors[2].line").value(firstAdded + 1))
                .andExpect(jsonPath("$.errors[2].field").value("group"))
                .andExpect(jsonPath("$.errors[2].reason").value(containsString("must not be empty")))
                .andExpect(jsonPath("$.errors[3].line").value(firstAdded + 2))
                .andExpect(jsonPath("$.errors[3].reason").value(containsString("unknown group 'Plannning'")))
                .andExpect(jsonPath("$.errors[4].line").value(firstAdded + 3))
                .andExpect(jsonPath("$.errors[4].field").value("area"))
                .andExpect(jsonPath("$.errors[4].reason").value("a task needs its area"));

        assertThat(draftGroupsJson()).isEqualTo(before);
        assertThat(draftRevision()).isEqualTo(2);
    }

    @Test
    void aJsonImportWithProblemsIs422NamingLinesAndPaths() throws Exception {
        String json = """
                {"groups": [
                  {"id": "planning", "name": "", "areas": [
                    {"id": "Reporting!", "name": "Reporting", "colour": "red"}
                  ]}
                ]}
                """;

        mvc.perform(post(API + "/import").with(ADMIN).header(HttpHeaders.IF_MATCH, eTag())
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.field == 'groups[0].name')].line", hasItem(2)))
                .andExpect(jsonPath("$.errors[?(@.field == 'groups[0].areas[0].colour')].line", hasItem(3)))
                .andExpect(jsonPath("$.errors[?(@.field == 'groups[0].areas[0].id')].reason", hasItem(containsString("not an id"))))
                .andExpect(jsonPath("$.errors[?(@.field == 'id')].reason", hasItem(containsString("published task 'Risk register'"))));
        assertThat(draftRevision()).isEqualTo(1);
    }

    @Test
    void anUnreadableImportIs400() throws Exception {
        mvc.perform(post(API + "/import").with(ADMIN).header(HttpHeaders.IF_MATCH, eTag())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"groups\": [}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(startsWith("Line 1")));
        mvc.perform(post(API + "/import").with(ADMIN).header(HttpHeaders.IF_MATCH, eTag())
                        .contentType(CSV).content("group,area,task\n\"Planning,,\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("never closed")));
    }

    @Test
    void anImportLargerThanTheLimitIs413() throws Exception {
        byte[] tooLarge = new byte[2 * 1024 * 1024 + 1];
        Arrays.fill(tooLarge, (byte) 'a');

        mvc.perform(post(API + "/import").with(ADMIN).header(HttpHeaders.IF_MATCH, eTag()).contentType(CSV).content(tooLarge))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    // The admin page

    @Test
    void theAdminPageIsServedToTheAdministratorUnderAStrictContentSecurityPolicy() throws Exception {
        mvc.perform(get("/admin/catalogue").with(ADMIN)).andExpect(redirectedUrl("/admin/catalogue/"));
        mvc.perform(get("/admin/catalogue/").with(ADMIN)).andExpect(forwardedUrl("/admin/catalogue/index.html"));
        mvc.perform(get("/admin/catalogue/index.html").with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<h1>PMO service catalogue: draft</h1>")))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")));
        mvc.perform(get("/admin/catalogue/admin.js").with(ADMIN)).andExpect(status().isOk());
    }

    private ResultActions write(MockHttpServletRequestBuilder request, String ifMatch, String json) throws Exception {
        request.with(ADMIN).header(HttpHeaders.IF_MATCH, ifMatch).contentType(MediaType.APPLICATION_JSON);
        return mvc.perform(json == null ? request : request.content(json));
    }

    private String eTag() throws Exception {
        return mvc.perform(get(API + "/draft").with(ADMIN)).andReturn().getResponse().getHeader(HttpHeaders.ETAG);
    }

    private long draftRevision() throws Exception {
        return Long.parseLong(eTag().replace("\"", ""));
    }

    private String draftGroupsJson() throws Exception {
        return mvc.perform(get(API + "/export.json").with(ADMIN)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private double edits(String operation) {
        return meterRegistry.get("pmo.catalogue.draft.edits").tag("operation", operation).counter().count();
    }

    private long versionCount() {
        return mongo.getCollection("catalogue_versions").countDocuments();
    }

    private static int lineStartingWith(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError("No line starts with " + prefix);
    }
}
