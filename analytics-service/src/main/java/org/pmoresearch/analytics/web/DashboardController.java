package org.pmoresearch.analytics.web;

import io.nayuki.qrcodegen.DataTooLongException;
import jakarta.servlet.http.HttpServletRequest;
import org.pmoresearch.analytics.config.PublicUrlsProperties;
import org.pmoresearch.analytics.domain.HotspotRules;
import org.pmoresearch.analytics.domain.ProfileDimensions;
import org.pmoresearch.analytics.domain.ProfileDimensions.Dimension;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * What the dashboard page needs besides the hotspots: the segment choices, where to take the survey, and the QR code
 * a room scans to take it.
 */
@RestController
class DashboardController {

    static final String SURVEY_QR_CODE = "/dashboard/survey-qr.svg";
    private static final String SURVEY_PATH = "/survey/";
    private static final MediaType SVG = new MediaType("image", "svg+xml", StandardCharsets.UTF_8);
    private static final Duration QR_CODE_CACHED = Duration.ofMinutes(5);

    private final ProfileDimensions dimensions;
    private final HotspotRules rules;
    private final PublicUrlsProperties publicUrls;

    DashboardController(ProfileDimensions dimensions, HotspotRules rules, PublicUrlsProperties publicUrls) {
        this.dimensions = dimensions;
        this.rules = rules;
        this.publicUrls = publicUrls;
    }

    @GetMapping("/dashboard/config.json")
    DashboardConfig config(HttpServletRequest request) {
        return new DashboardConfig(rules.minCellSize(), new Bands(rules.corePercent(), rules.commonPercent()),
                dimensions.all(), new Links(publicUrls.survey() + SURVEY_PATH, publicUrls.export() + "/api/exports/pmo-services.xlsx"),
                new Join(surveyUrl(request), SURVEY_QR_CODE));
    }

    /** The survey's absolute URL as a QR code, the same URL as {@code join.url} in the configuration. */
    @GetMapping(SURVEY_QR_CODE)
    ResponseEntity<String> surveyQrCode(HttpServletRequest request) {
        String url = surveyUrl(request);
        String svg;
        try {
            svg = QrCodeSvg.of(url, "QR code of " + url);
        } catch (DataTooLongException tooLong) {
            throw ApiException.tooLongForQrCode(url.length());
        }
        return ResponseEntity.ok().contentType(SVG).cacheControl(CacheControl.maxAge(QR_CODE_CACHED)).body(svg);
    }

    /**
     * The survey's absolute URL: under the configured public survey URL, or else (same origin, behind a front door
     * that routes by path) under the origin this request was made to.
     */
    private String surveyUrl(HttpServletRequest request) {
        if (!publicUrls.survey().isEmpty()) {
            return publicUrls.survey() + SURVEY_PATH;
        }
        return ServletUriComponentsBuilder.fromContextPath(request).replacePath(SURVEY_PATH).replaceQuery(null)
                .build().toUriString();
    }

    /**
     * @param dimensions the profile dimensions and their values, in the survey's order
     * @param join how a room takes the survey: shown beside the figures in presenter mode
     */
    public record DashboardConfig(int minCellSize, Bands bands, List<Dimension> dimensions, Links links, Join join) {
    }

    /** Band thresholds in percent, for the legend. */
    public record Bands(double core, double common) {
    }

    public record Links(String survey, String workbook) {
    }

    /**
     * @param url the survey's absolute URL
     * @param qrCode path of the image of {@code url} as a QR code (SVG)
     */
    public record Join(String url, String qrCode) {
    }
}
