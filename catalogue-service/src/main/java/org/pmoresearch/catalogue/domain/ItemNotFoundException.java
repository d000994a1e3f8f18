package org.pmoresearch.catalogue.domain;

/** The draft has no item of that kind with that id. */
public class ItemNotFoundException extends RuntimeException {

    public ItemNotFoundException(ItemKind kind, String id) {
        super("The draft has no " + (kind == null ? "group or area" : kind.label()) + " with id '" + id + "'");
    }
}
