package org.pmoresearch.survey.web;

import org.pmoresearch.survey.domain.CatalogueRegistry;
import org.pmoresearch.survey.domain.ProfileQuestions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SurveyController {

    private final CatalogueRegistry catalogues;
    private final ProfileQuestions profileQuestions;

    SurveyController(CatalogueRegistry catalogues, ProfileQuestions profileQuestions) {
        this.catalogues = catalogues;
        this.profileQuestions = profileQuestions;
    }

    @GetMapping("/api/survey")
    SurveyView survey() {
        return catalogues.current()
                .map(catalogue -> SurveyView.of(catalogue.content(), profileQuestions.all()))
                .orElseThrow(SurveyUnavailableException::new);
    }
}
