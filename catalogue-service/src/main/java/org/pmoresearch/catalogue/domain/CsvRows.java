package org.pmoresearch.catalogue.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated cells, double quotes around cells that hold commas, quotes or line breaks, a
 * doubled quote for a quote, CRLF or LF between rows. Spreadsheets write exactly this.
 */
final class CsvRows {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** A row and the line of the file it starts on (a quoted cell may span several lines). */
    record Row(int line, List<String> cells) {

        boolean isBlank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }

    private CsvRows() {
    }

    /** @throws MalformedImportException when a quoted cell is never closed */
    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean cellWasQuoted = false;
        int line = 1;
        int rowLine = 1;
        int start = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? 1 : 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty() && !cellWasQuoted) {
                quoted = true;
                cellWasQuoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                cellWasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                rows.add(new Row(rowLine, List.copyOf(cells)));
                cells.clear();
                cell.setLength(0);
                cellWasQuoted = false;
                line++;
                rowLine = line;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new MalformedImportException("Line " + rowLine + ": a quoted cell is never closed");
        }
        if (!cells.isEmpty() || !cell.isEmpty() || cellWasQuoted) {
            cells.add(cell.toString());
            rows.add(new Row(rowLine, List.copyOf(cells)));
        }
        return rows;
    }

    static void append(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quoteIfNeeded(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String byteOrderMark() {
        return String.valueOf(BYTE_ORDER_MARK);
    }

    private static String quoteIfNeeded(String value) {
        boolean needsQuotes = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0 || (!value.isEmpty() && (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' '));
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
