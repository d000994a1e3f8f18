package org.pmoresearch.analytics.web;

import io.nayuki.qrcodegen.DataTooLongException;
import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as an SVG image: one square unit per module, dark modules as one path of horizontal runs on a white
 * square, with the four-module quiet zone the standard asks for around it, so it scales to any size without
 * blurring and reads on a projector as well as on paper. Error correction is medium (15 % of the code may be lost),
 * which keeps a URL's code small enough to read from the back of a room.
 */
final class QrCodeSvg {

    static final int QUIET_ZONE = 4;

    private QrCodeSvg() {
    }

    /**
     * @param title what the image shows, for anything that reads the image itself
     * @throws DataTooLongException when the text does not fit in the largest QR code
     */
    static String of(String text, String title) {
        QrCode code = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int side = code.size + 2 * QUIET_ZONE;
        StringBuilder svg = new StringBuilder(16 * code.size * code.size / 3 + 512);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(side).append(' ').append(side)
                .append("\" shape-rendering=\"crispEdges\" role=\"img\"><title>").append(escaped(title))
                .append("</title><rect width=\"").append(side).append("\" height=\"").append(side)
                .append("\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"");
        for (int y = 0; y < code.size; y++) {
            int x = 0;
            while (x < code.size) {
                if (!code.getModule(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < code.size && code.getModule(x, y)) {
                    x++;
                }
                svg.append('M').append(start + QUIET_ZONE).append(',').append(y + QUIET_ZONE)
                        .append('h').append(x - start).append("v1h-").append(x - start).append('z');
            }
        }
        return svg.append("\"/></svg>").toString();
    }

    private static String escaped(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
