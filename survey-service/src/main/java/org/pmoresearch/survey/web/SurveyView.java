package org.pmoresearch.survey.web;

import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.CatalogueTask;
import org.pmoresearch.survey.domain.ProfileQuestion;
import org.pmoresearch.survey.domain.SurveyWindow;

import java.time.Instant;
import java.util.List;

/**
 * Body of GET /api/survey: the current catalogue version, the profile questions, where the pages
 * link to, and whether responses are taken now.
 */
record SurveyView(int version, Instant publishedAt, List<Group> groups, List<ProfileQuestion> profileQuestions,
        SurveyLinks links, Status survey) {

    /** @param open whether a response sent now would be accepted (between the dates and under the cap) */
    record Status(boolean open, Instant opensAt, Instant closesAt) {

        static Status of(SurveyWindow window) {
            return new Status(window.state() == SurveyWindow.State.OPEN, window.opensAt().orElse(null),
                    window.closesAt().orElse(null));
        }
    }

    record Group(String id, String name, String description, List<Area> areas) {
    }

    record Area(String id, String name, String description, List<Task> tasks) {
    }

    record Task(String id, String name, String description) {
    }

    static SurveyView of(CataloguePublished catalogue, List<ProfileQuestion> profileQuestions, SurveyLinks links,
            SurveyWindow window) {
        return new SurveyView(catalogue.version(), catalogue.publishedAt(),
                catalogue.groups().stream().map(SurveyView::group).toList(), profileQuestions, links, Status.of(window));
    }

    private static Group group(CatalogueGroup group) {
        return new Group(group.id(), group.name(), group.description(), group.areas().stream().map(SurveyView::area).toList());
    }

    private static Area area(CatalogueArea area) {
        return new Area(area.id(), area.name(), area.description(), area.tasks().stream().map(SurveyView::task).toList());
    }

    private static Task task(CatalogueTask task) {
        return new Task(task.id(), task.name(), task.description());
    }
}
