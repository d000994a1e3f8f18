package org.pmoresearch.export.web;

import org.pmoresearch.export.domain.SegmentFilter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.stream.Collectors;

/** What every download answer shares: media types and attachment names. */
final class Downloads {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8;header=present");

    private Downloads() {
    }

    /** e.g. {@code pmo-services-pmoType-enterprise.xlsx}: a filtered download says which segment it holds. */
    static String attachment(String baseName, List<SegmentFilter> filters, String extension) {
        String suffix = filters.stream()
                .map(filter -> "-" + filter.dimension() + "-" + filter.value())
                .collect(Collectors.joining());
        return ContentDisposition.attachment().filename(baseName + suffix + "." + extension).build().toString();
    }
}
