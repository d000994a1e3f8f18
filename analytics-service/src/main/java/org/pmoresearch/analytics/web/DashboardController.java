package org.pmoresearch.analytics.web;

import org.pmoresearch.analytics.config.PublicUrlsProperties;
import org.pmoresearch.analytics.domain.HotspotRules;
import org.pmoresearch.analytics.domain.ProfileDimensions;
import org.pmoresearch.analytics.domain.ProfileDimensions.Dimension;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** What the dashboard page needs besides the hotspots: the segment choices and where to take the survey. */
@RestController
class DashboardController {

    private final ProfileDimensions dimensions;
    private final HotspotRules rules;
    private final PublicUrlsProperties publicUrls;

    DashboardController(ProfileDimensions dimensions, HotspotRules rules, PublicUrlsProperties publicUrls) {
        this.dimensions = dimensions;
        this.rules = rules;
        this.publicUrls = publicUrls;
    }

    @GetMapping("/dashboard/config.json")
    DashboardConfig config() {
        return new DashboardConfig(rules.minCellSize(), new Bands(rules.corePercent(), rules.commonPercent()),
                dimensions.all(), new Links(publicUrls.survey() + "/survey/", publicUrls.export() + "/api/exports/pmo-services.xlsx"));
    }

    /** @param dimensions the profile dimensions and their values, in the survey's order */
    public record DashboardConfig(int minCellSize, Bands bands, List<Dimension> dimensions, Links links) {
    }

    /** Band thresholds in percent, for the legend. */
    public record Bands(double core, double common) {
    }

    public record Links(String survey, String workbook) {
    }
}
