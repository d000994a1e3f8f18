package org.pmoresearch.survey.web;

import java.net.InetAddress;

/** An address block such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a block of one. */
final class CidrBlock {

    private final byte[] network;
    private final int prefixLength;

    private CidrBlock(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** @throws IllegalArgumentException if the text is not an address literal with an optional prefix length */
    static CidrBlock parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length > 2) {
            throw invalid(text);
        }
        byte[] address = IpAddresses.parse(parts[0]).map(InetAddress::getAddress).orElseThrow(() -> invalid(text));
        int bits = address.length * 8;
        int prefixLength = bits;
        if (parts.length == 2) {
            try {
                prefixLength = Integer.parseInt(parts[1]);
            }
            catch (NumberFormatException e) {
                throw invalid(text);
            }
            if (prefixLength < 0 || prefixLength > bits) {
                throw invalid(text);
            }
        }
        return new CidrBlock(address, prefixLength);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = 0xFF << (8 - remainingBits) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block such as 10.0.0.0/8 or fd00::/8");
    }
}
