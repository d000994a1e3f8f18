package org.pmoresearch.survey.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses IP address literals, as found in a socket address or an X-Forwarded-For hop, without ever
 * asking DNS: {@link InetAddress#getByName} resolves anything that does not look like a literal,
 * and a header value is whatever a client chose to send.
 */
final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?::\\d{1,5})?");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::\\d{1,5})?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private IpAddresses() {
    }

    /** Accepts an IPv4 or IPv6 literal, optionally with a port ({@code 192.0.2.1:443}, {@code [2001:db8::1]:443}). */
    static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        Matcher ipv4 = IPV4.matcher(value);
        if (ipv4.matches()) {
            return ipv4(ipv4);
        }
        Matcher bracketed = BRACKETED_IPV6.matcher(value);
        if (bracketed.matches()) {
            value = bracketed.group(1);
        }
        // Starts with a hex digit or ':' and contains ':', so InetAddress takes it as an IPv6 literal and never resolves it.
        if (!IPV6.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(value));
        }
        catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> ipv4(Matcher octets) {
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(octets.group(i + 1));
            if (octet > 255) {
                return Optional.empty();
            }
            address[i] = (byte) octet;
        }
        try {
            return Optional.of(InetAddress.getByAddress(address));
        }
        catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always a valid IPv4 address", e);
        }
    }
}
