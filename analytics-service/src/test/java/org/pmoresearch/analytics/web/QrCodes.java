package org.pmoresearch.analytics.web;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.Decoder;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads QR codes back with an independent decoder: from the dashboard's SVG, and from a picture of one. */
public final class QrCodes {

    private static final Pattern RUN = Pattern.compile("M(\\d+),(\\d+)h(\\d+)v1h-(\\d+)z");

    private QrCodes() {
    }

    /** The SVG as a parsed XML document's root, which fails on anything not well-formed. */
    public static Element svgElement(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg))).getDocumentElement();
    }

    /** The text of a QR code drawn as {@link QrCodeSvg} draws one, read from its modules. */
    public static String textOfSvg(String svg) throws Exception {
        Element root = svgElement(svg);
        String[] viewBox = root.getAttribute("viewBox").split(" ");
        int size = Integer.parseInt(viewBox[2]) - 2 * QrCodeSvg.QUIET_ZONE;
        if (!viewBox[3].equals(viewBox[2])) {
            throw new AssertionError("not square: " + root.getAttribute("viewBox"));
        }
        String path = ((Element) root.getElementsByTagName("path").item(0)).getAttribute("d");
        BitMatrix modules = new BitMatrix(size);
        Matcher run = RUN.matcher(path);
        int end = 0;
        while (run.find()) {
            if (run.start() != end || !run.group(3).equals(run.group(4))) {
                throw new AssertionError("not a run of modules at " + run.start() + ": " + path);
            }
            end = run.end();
            int x = Integer.parseInt(run.group(1)) - QrCodeSvg.QUIET_ZONE;
            int y = Integer.parseInt(run.group(2)) - QrCodeSvg.QUIET_ZONE;
            modules.setRegion(x, y, Integer.parseInt(run.group(3)), 1);
        }
        if (end != path.length()) {
            throw new AssertionError("not a run of modules at " + end + ": " + path);
        }
        return new Decoder().decode(modules).getText();
    }

    /** The text of the QR code in a picture, as a phone's camera app would find and read it. */
    public static String textOfPicture(BufferedImage picture) throws NotFoundException, ChecksumException, FormatException {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(picture)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
