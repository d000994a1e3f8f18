package org.pmoresearch.export.domain;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/** The cell styles of one workbook, created once: a workbook holds at most 64,000 styles, so never one per cell. */
final class WorkbookStyles {

    static final String SHARE_FORMAT = "0.0%";

    final CellStyle title;
    final CellStyle header;
    final CellStyle bold;
    final CellStyle share;
    final CellStyle boldShare;
    final CellStyle wrapped;
    final CellStyle tick;
    final CellStyle gap;
    final CellStyle gapShare;

    WorkbookStyles(Workbook workbook) {
        Font boldFont = workbook.createFont();
        boldFont.setBold(true);
        Font titleFont = workbook.createFont();
        titleFont.setBold(true);
        titleFont.setFontHeightInPoints((short) 14);
        short percent = workbook.createDataFormat().getFormat(SHARE_FORMAT);

        title = workbook.createCellStyle();
        title.setFont(titleFont);
        header = workbook.createCellStyle();
        header.setFont(boldFont);
        header.setWrapText(true);
        header.setVerticalAlignment(VerticalAlignment.TOP);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        bold = workbook.createCellStyle();
        bold.setFont(boldFont);
        share = workbook.createCellStyle();
        share.setDataFormat(percent);
        boldShare = workbook.createCellStyle();
        boldShare.setFont(boldFont);
        boldShare.setDataFormat(percent);
        wrapped = workbook.createCellStyle();
        wrapped.setWrapText(true);
        wrapped.setVerticalAlignment(VerticalAlignment.TOP);
        tick = workbook.createCellStyle();
        tick.setAlignment(HorizontalAlignment.CENTER);
        gap = workbook.createCellStyle();
        gap.setFillForegroundColor(IndexedColors.LIGHT_ORANGE.getIndex());
        gap.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        gapShare = workbook.createCellStyle();
        gapShare.cloneStyleFrom(gap);
        gapShare.setDataFormat(percent);
    }
}
