package org.pmoresearch.catalogue.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Catalogue ids: lowercase slugs such as {@code risk-register}, at most 80 characters. */
public final class Slugs {

    public static final String PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";
    public static final int MAX_LENGTH = 80;

    private static final Pattern SLUG = Pattern.compile(PATTERN);
    private static final Pattern NOT_SLUG_CHARACTERS = Pattern.compile("[^a-z0-9]+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private Slugs() {
    }

    public static boolean isSlug(String id) {
        return id != null && id.length() <= MAX_LENGTH && SLUG.matcher(id).matches();
    }

    /**
     * A slug made from a name ("Risk & issue log" → {@code risk-issue-log}), with {@code -2}, {@code -3}... appended
     * until it is not taken.
     *
     * @param fallback the base to use when the name has no letter or digit to build a slug from
     */
    public static String unique(String name, String fallback, Predicate<String> taken) {
        String base = of(name);
        if (base.isEmpty()) {
            base = fallback;
        }
        if (!taken.test(base)) {
            return base;
        }
        for (int suffix = 2; ; suffix++) {
            String candidate = trim(base, MAX_LENGTH - 1 - Integer.toString(suffix).length()) + "-" + suffix;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
    }

    static String of(String name) {
        String ascii = COMBINING_MARKS.matcher(Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD))
                .replaceAll("");
        String slug = NOT_SLUG_CHARACTERS.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
        return trim(slug, MAX_LENGTH);
    }

    private static String trim(String slug, int maxLength) {
        String shortened = slug.length() > maxLength ? slug.substring(0, maxLength) : slug;
        int start = 0;
        int end = shortened.length();
        while (start < end && shortened.charAt(start) == '-') {
            start++;
        }
        while (end > start && shortened.charAt(end - 1) == '-') {
            end--;
        }
        return shortened.substring(start, end);
    }
}
