package org.pmoresearch.catalogue.domain;

/** A broken catalogue rule: which field (or item id) and why. */
public record Violation(String field, String reason) {
}
