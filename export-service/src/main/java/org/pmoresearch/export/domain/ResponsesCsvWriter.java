package org.pmoresearch.export.domain;

import org.springframework.stereotype.Component;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the admin export as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line
 * break quoted, quotes doubled; UTF-8), one header row of ids, then one record per response. Each page is flushed
 * to the client as soon as it is written.
 */
@Component
public class ResponsesCsvWriter {

    private static final String LINE_END = "\r\n";
    private static final int BUFFER_CHARS = 64 * 1024;

    public void write(ResponseTable table, ResponsePages pages, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_CHARS);
        writeRecord(writer, table.columnIds().stream().map(ResponsesCsvWriter::field).toArray(String[]::new));
        String[] fields = new String[table.width()];
        ResponseTable.Cells cells = new ResponseTable.Cells() {
            @Override
            public void text(int column, String value) {
                fields[column] = field(value);
            }

            @Override
            public void number(int column, long value) {
                fields[column] = Long.toString(value);
            }
        };
        pages.forEachPage(page -> {
            for (ExportedResponse response : page.items()) {
                Arrays.fill(fields, "");
                table.write(response, cells);
                writeRecord(writer, fields);
            }
            writer.flush();
        });
    }

    private static void writeRecord(Writer writer, String[] fields) throws IOException {
        for (int index = 0; index < fields.length; index++) {
            if (index > 0) {
                writer.write(',');
            }
            writer.write(fields[index]);
        }
        writer.write(LINE_END);
    }

    /**
     * One field, safe to open in a spreadsheet: a value starting with = + - @ (or a tab or carriage return) would be
     * run as a formula, so it gets a leading single quote, which spreadsheets read as "this is text".
     */
    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
