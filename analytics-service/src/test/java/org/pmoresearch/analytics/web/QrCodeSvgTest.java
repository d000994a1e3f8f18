package org.pmoresearch.analytics.web;

import io.nayuki.qrcodegen.DataTooLongException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QrCodeSvgTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "http://localhost:8082/survey/",
            "https://pmo-research.example.org/survey/",
            "https://survey.example.org/pmo/services-research/2026/survey/?source=conference-room-3&lang=en",
            "http://192.168.1.20:8082/survey/"})
    void aDecoderReadsBackTheUrl(String url) throws Exception {
        assertThat(QrCodes.textOfSvg(QrCodeSvg.of(url, url))).isEqualTo(url);
    }

    @Test
    void aLongUrlTakesALargerCodeAndStillReadsBack() throws Exception {
        String url = "https://survey.example.org/" + "a".repeat(1_500);

        String svg = QrCodeSvg.of(url, url);

        assertThat(QrCodes.textOfSvg(svg)).isEqualTo(url);
        assertThat(QrCodes.svgElement(svg).getAttribute("viewBox"))
                .isNotEqualTo(QrCodes.svgElement(QrCodeSvg.of("https://survey.example.org/", "")).getAttribute("viewBox"));
    }

    @Test
    void theTitleIsEscapedAndTheImageIsWellFormed() throws Exception {
        String url = "https://survey.example.org/survey/?a=1&b=\"<x>\"";

        Element svg = QrCodes.svgElement(QrCodeSvg.of(url, "QR code of " + url));

        assertThat(svg.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("QR code of " + url);
        assertThat(svg.getAttribute("role")).isEqualTo("img");
    }

    @Test
    void theCodeHasItsQuietZone() throws Exception {
        Element svg = QrCodes.svgElement(QrCodeSvg.of("http://localhost/survey/", ""));
        String path = ((Element) svg.getElementsByTagName("path").item(0)).getAttribute("d");
        int side = Integer.parseInt(svg.getAttribute("viewBox").split(" ")[2]);

        // The finder pattern's top-left corner sits just inside the quiet zone, and no run starts outside the code.
        assertThat(path).startsWith("M" + QrCodeSvg.QUIET_ZONE + "," + QrCodeSvg.QUIET_ZONE + "h7");
        assertThat(path.split("z")).allSatisfy(run -> {
            String[] start = run.substring(1, run.indexOf('h')).split(",");
            assertThat(Integer.parseInt(start[0])).isBetween(QrCodeSvg.QUIET_ZONE, side - QrCodeSvg.QUIET_ZONE - 1);
            assertThat(Integer.parseInt(start[1])).isBetween(QrCodeSvg.QUIET_ZONE, side - QrCodeSvg.QUIET_ZONE - 1);
        });
    }

    @Test
    void textBeyondTheLargestCodeIsRefused() {
        assertThatThrownBy(() -> QrCodeSvg.of("https://survey.example.org/" + "a".repeat(3_000), ""))
                .isInstanceOf(DataTooLongException.class);
    }
}
