package org.pmoresearch.analytics.domain;

/**
 * One complete set of facts and counts. A rebuild fills the next generation from the topic while the
 * active one keeps serving, then makes it active. Generation 1 keeps the collection names it always had.
 */
public record Generation(int number) {

    public static final Generation FIRST = new Generation(1);

    private static final String FACTS = "response_facts";
    private static final String COUNTS = "partition_counts";

    public Generation {
        if (number < 1) {
            throw new IllegalArgumentException("generations start at 1, not " + number);
        }
    }

    public Generation next() {
        return new Generation(number + 1);
    }

    public String factsCollection() {
        return collection(FACTS);
    }

    public String countsCollection() {
        return collection(COUNTS);
    }

    private String collection(String base) {
        return number == 1 ? base : base + "_g" + number;
    }
}
