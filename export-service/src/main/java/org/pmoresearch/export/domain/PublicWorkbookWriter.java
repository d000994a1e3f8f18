package org.pmoresearch.export.domain;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Writes the public PMO services workbook: About, Services &amp; tasks, Hotspots, By segment. */
@Component
public class PublicWorkbookWriter {

    private static final int ROWS_KEPT_IN_MEMORY = 100;

    private final PublicSheetsWriter sheets;

    public PublicWorkbookWriter(PublicSheetsWriter sheets) {
        this.sheets = sheets;
    }

    public void write(PublicFigures figures, OutputStream out) throws IOException {
        // close() deletes SXSSF's temporary files (it replaces the deprecated dispose()), also when writing fails.
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_KEPT_IN_MEMORY)) {
            workbook.setCompressTempFiles(true);
            sheets.write(workbook, new WorkbookStyles(workbook), figures, List.of());
            workbook.write(out);
        }
    }
}
