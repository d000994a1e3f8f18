package org.pmoresearch.catalogue.domain;

/** A task in the draft. A retired task keeps its id and its place but is left out of published versions. */
public record DraftTask(String id, String name, String description, boolean retired) {
}
