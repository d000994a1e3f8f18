package org.pmoresearch.survey.web;

import org.pmoresearch.survey.domain.CatalogueRegistry;
import org.pmoresearch.survey.domain.ProfileQuestions;
import org.pmoresearch.survey.domain.SurveyWindow;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SurveyController {

    private final CatalogueRegistry catalogues;
    private final ProfileQuestions profileQuestions;
    private final SurveyLinks links;
    private final SurveyWindow window;

    SurveyController(CatalogueRegistry catalogues, ProfileQuestions profileQuestions, SurveyLinks links,
            SurveyWindow window) {
        this.catalogues = catalogues;
        this.profileQuestions = profileQuestions;
        this.links = links;
        this.window = window;
    }

    @GetMapping("/api/survey")
    SurveyView survey() {
        return catalogues.current()
                .map(catalogue -> SurveyView.of(catalogue.content(), profileQuestions.all(), links, window))
                .orElseThrow(SurveyUnavailableException::new);
    }
}
