package org.pmoresearch.export.domain;

import org.junit.jupiter.api.Test;
import org.pmoresearch.export.TestCatalogues;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResponsesCsvWriterTest {

    private final ResponseTable table = new ResponseTable(TestCatalogues.version2(), ProfileDimensions.fromContracts(JsonMapper.builder().build()));

    @Test
    void defusesFormulasAndQuotesOnlyWhatRfc4180Requires() {
        assertThat(ResponsesCsvWriter.field("enterprise")).isEqualTo("enterprise");
        assertThat(ResponsesCsvWriter.field("=SUM(A1:A2)")).isEqualTo("'=SUM(A1:A2)");
        assertThat(ResponsesCsvWriter.field("+44 20 7946 0000")).isEqualTo("'+44 20 7946 0000");
        assertThat(ResponsesCsvWriter.field("-1")).isEqualTo("'-1");
        assertThat(ResponsesCsvWriter.field("@cmd")).isEqualTo("'@cmd");
        assertThat(ResponsesCsvWriter.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(ResponsesCsvWriter.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ResponsesCsvWriter.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(ResponsesCsvWriter.field("=\"x\",y")).isEqualTo("\"'=\"\"x\"\",y\"");
        assertThat(ResponsesCsvWriter.field("")).isEmpty();
        assertThat(ResponsesCsvWriter.field("Zürich")).isEqualTo("Zürich");
    }

    @Test
    void writesAHeaderOfIdsThenOneRecordPerResponseOfEveryPage() throws IOException {
        ExportedResponse first = new ExportedResponse("id-1", "2025-05-02T09:00:00Z", 2, Map.of("region", "Zürich"),
                Map.of("portfolio-build", List.of("demand-intake")));
        ExportedResponse second = new ExportedResponse("id-2", "2025-05-02T09:01:00Z", 1, Map.of(), Map.of("secretariat", List.of()));
        ResponsePages pages = new ResponsePages(new ResponsePage(List.of(first), "id-1"),
                cursor -> new ResponsePage(List.of(second), null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new ResponsesCsvWriter().write(table, pages, out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "responseId,submittedAt,catalogueVersion,pmoType,role,sector,region,organisationSize,pmoHeadcount,yearsInPmo,employment,"
                        + "portfolio-register,demand-intake,benefits-register\r\n"
                        + "id-1,2025-05-02T09:00:00Z,2,,,,Zürich,,,,,0,1,0\r\n"
                        + "id-2,2025-05-02T09:01:00Z,1,,,,,,,,,0,0,0\r\n");
    }
}
