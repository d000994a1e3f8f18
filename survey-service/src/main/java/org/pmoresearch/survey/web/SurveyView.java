package org.pmoresearch.survey.web;

import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.CatalogueTask;
import org.pmoresearch.survey.domain.ProfileQuestion;

import java.time.Instant;
import java.util.List;

/** Body of GET /api/survey: the current catalogue version and the profile questions. */
record SurveyView(int version, Instant publishedAt, List<Group> groups, List<ProfileQuestion> profileQuestions) {

    record Group(String id, String name, String description, List<Area> areas) {
    }

    record Area(String id, String name, String description, List<Task> tasks) {
    }

    record Task(String id, String name, String description) {
    }

    static SurveyView of(CataloguePublished catalogue, List<ProfileQuestion> profileQuestions) {
        return new SurveyView(catalogue.version(), catalogue.publishedAt(),
                catalogue.groups().stream().map(SurveyView::group).toList(), profileQuestions);
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
