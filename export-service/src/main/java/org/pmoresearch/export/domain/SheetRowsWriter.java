package org.pmoresearch.export.domain;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the rows of a worksheet's {@code <sheetData>} as SpreadsheetML, encoded to UTF-8 straight into a buffer.
 *
 * <p>The admin export writes about 166 cells a row; through POI's streaming API every cell is an object in a sorted
 * map, its reference a new string and its XML a handful of small writer calls. Here a cell is a few array copies:
 * each column's reference prefix ({@code <c r="EZ}) is built once, each row's number once, and the rest are
 * constants. Cells are written as POI writes them (inline strings, numbers without a type, every cell with its
 * reference), so any reader of xlsx reads them alike.
 *
 * <p>Cells of a row must come in increasing column order, as {@link ResponseTable} gives them.
 */
final class SheetRowsWriter implements ResponseTable.Cells {

    /** Limits of the file format: columns A to XFD, rows 1 to 1,048,576. */
    static final int MAX_COLUMNS = 16_384;
    static final int MAX_ROWS = 1_048_576;
    /** The longest text a cell may hold. */
    static final int MAX_TEXT_LENGTH = 32_767;

    private static final byte[] ROW_START = ascii("<row r=\"");
    private static final byte[] ROW_END = ascii("</row>");
    private static final byte[] TAG_END = ascii("\">");
    private static final byte[] STYLE = ascii("\" s=\"");
    private static final byte[] NUMBER_START = ascii("\"><v>");
    private static final byte[] NUMBER_END = ascii("</v></c>");
    private static final byte[] TEXT_START = ascii("\" t=\"inlineStr\"><is><t>");
    private static final byte[] TEXT_START_PRESERVING = ascii("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
    private static final byte[] TEXT_END = ascii("</t></is></c>");
    private static final byte[] TAB = ascii("&#x9;");
    private static final byte[] LINE_FEED = ascii("&#xa;");
    private static final byte[] CARRIAGE_RETURN = ascii("&#xd;");
    private static final byte[] AMPERSAND = ascii("&amp;");
    private static final byte[] LESS_THAN = ascii("&lt;");
    private static final byte[] GREATER_THAN = ascii("&gt;");
    /** Room for the longest thing written without a check: a character reference or escape. */
    private static final int SLACK = 8;

    private final OutputStream out;
    private final byte[] buffer;
    private final byte[][] cellStarts;
    private final byte[] rowNumber = new byte[10];
    private int rowNumberLength;
    private int lastRow = -1;
    private byte[] style;
    private int position;

    /**
     * @param columns how many columns the rows may use
     * @param out     the sheet part's stream; written in whole buffers, never closed here
     */
    SheetRowsWriter(int columns, OutputStream out) {
        if (columns < 1 || columns > MAX_COLUMNS) {
            throw new IllegalArgumentException("a worksheet holds 1 to " + MAX_COLUMNS + " columns, not " + columns);
        }
        this.out = out;
        this.buffer = new byte[64 * 1024];
        this.cellStarts = new byte[columns][];
        for (int column = 0; column < columns; column++) {
            cellStarts[column] = ascii("<c r=\"" + columnName(column));
        }
    }

    /** The column's letters: A to Z, then AA, AB … */
    static String columnName(int column) {
        StringBuilder name = new StringBuilder(3);
        for (int rest = column + 1; rest > 0; rest = (rest - 1) / 26) {
            name.insert(0, (char) ('A' + (rest - 1) % 26));
        }
        return name.toString();
    }

    /**
     * Opens a row; rows must come in increasing order.
     *
     * @param rowIndex   zero-based, as in POI
     * @param styleIndex the cell style of the row's cells in the workbook's styles, 0 for the default
     */
    void startRow(int rowIndex, int styleIndex) {
        if (rowIndex <= lastRow || rowIndex >= MAX_ROWS) {
            throw new IllegalArgumentException("row " + rowIndex + " after row " + lastRow + " (a worksheet holds rows 0 to "
                    + (MAX_ROWS - 1) + ")");
        }
        lastRow = rowIndex;
        style = styleIndex == 0 ? null : ascii(Integer.toString(styleIndex));
        rowNumberLength = 0;
        for (int number = rowIndex + 1; number > 0; number /= 10) {
            rowNumber[rowNumberLength++] = (byte) ('0' + number % 10);
        }
        for (int low = 0, high = rowNumberLength - 1; low < high; low++, high--) {
            byte digit = rowNumber[low];
            rowNumber[low] = rowNumber[high];
            rowNumber[high] = digit;
        }
        write(ROW_START);
        write(rowNumber, rowNumberLength);
        write(TAG_END);
    }

    void endRow() {
        write(ROW_END);
    }

    @Override
    public void number(int column, long value) {
        cellStart(column);
        write(NUMBER_START);
        if (value >= 0 && value < 10) {
            ensure(1);
            buffer[position++] = (byte) ('0' + value);
        } else {
            write(ascii(Long.toString(value)));
        }
        write(NUMBER_END);
    }

    @Override
    public void text(int column, String value) {
        if (value.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("column " + columnName(column) + " of row " + (lastRow + 1) + ": text of "
                    + value.length() + " characters, a cell holds at most " + MAX_TEXT_LENGTH);
        }
        cellStart(column);
        write(preservesSpace(value) ? TEXT_START_PRESERVING : TEXT_START);
        escaped(value);
        write(TEXT_END);
    }

    /** Hands what is buffered to the stream. */
    void flush() {
        try {
            out.write(buffer, 0, position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        position = 0;
    }

    private void cellStart(int column) {
        write(cellStarts[column]);
        write(rowNumber, rowNumberLength);
        if (style != null) {
            write(STYLE);
            write(style);
        }
    }

    /** XML drops leading and trailing white space unless told to keep it. */
    private static boolean preservesSpace(String value) {
        return !value.isEmpty() && (Character.isWhitespace(value.charAt(0))
                || Character.isWhitespace(value.charAt(value.length() - 1)));
    }

    /**
     * Text as XML character data in UTF-8. Tabs and line breaks become character references, which XML's line-end
     * handling leaves alone; characters XML 1.0 cannot carry (other controls, U+FFFE, U+FFFF, unpaired surrogates)
     * become '?', as POI writes them.
     */
    private void escaped(String value) {
        int limit = buffer.length - SLACK;
        for (int index = 0; index < value.length(); index++) {
            if (position > limit) {
                flush();
            }
            char c = value.charAt(index);
            if (c >= 0x20 && c < 0x80) {
                switch (c) {
                    case '&' -> put(AMPERSAND);
                    case '<' -> put(LESS_THAN);
                    case '>' -> put(GREATER_THAN);
                    default -> buffer[position++] = (byte) c;
                }
            } else if (c < 0x20) {
                switch (c) {
                    case '\t' -> put(TAB);
                    case '\n' -> put(LINE_FEED);
                    case '\r' -> put(CARRIAGE_RETURN);
                    default -> buffer[position++] = '?';
                }
            } else if (c < 0x800) {
                buffer[position++] = (byte) (0xC0 | c >> 6);
                buffer[position++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && index + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(index + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++index));
                buffer[position++] = (byte) (0xF0 | codePoint >> 18);
                buffer[position++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                buffer[position++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                buffer[position++] = (byte) (0x80 | codePoint & 0x3F);
            } else if (Character.isSurrogate(c) || c >= 0xFFFE) {
                buffer[position++] = '?';
            } else {
                buffer[position++] = (byte) (0xE0 | c >> 12);
                buffer[position++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[position++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    private void write(byte[] bytes) {
        write(bytes, bytes.length);
    }

    private void write(byte[] bytes, int length) {
        ensure(length);
        System.arraycopy(bytes, 0, buffer, position, length);
        position += length;
    }

    private void ensure(int length) {
        if (position + length > buffer.length) {
            flush();
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
