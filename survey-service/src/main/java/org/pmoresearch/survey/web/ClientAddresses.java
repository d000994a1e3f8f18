package org.pmoresearch.survey.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Works out which client a request comes from, for rate limiting only: the result is a map key in
 * memory and is never logged, stored or published.
 * <p>
 * The socket address is the client unless it belongs to a trusted proxy; then X-Forwarded-For is
 * read from the right (the hop the trusted proxy appended) leftwards, past further trusted proxies,
 * to the first address that is not one. Hops to the left of that were written by the client and
 * prove nothing.
 */
final class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    /** An IPv6 host usually holds a whole /64; one address per client would let it rotate through billions. */
    private static final int IPV6_CLIENT_PREFIX_BYTES = 8;

    private final List<CidrBlock> trustedProxies;

    /** @throws IllegalArgumentException naming the entry that is not an address or CIDR block */
    ClientAddresses(List<String> trustedProxies) {
        List<CidrBlock> blocks = new ArrayList<>();
        for (String proxy : trustedProxies) {
            try {
                blocks.add(CidrBlock.parse(proxy));
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pmo.rate-limit.trusted-proxies: " + e.getMessage(), e);
            }
        }
        this.trustedProxies = List.copyOf(blocks);
    }

    /**
     * @param remoteAddress the socket's peer address
     * @param forwardedFor  every X-Forwarded-For header value, in the order received
     * @return the key of the client's rate-limit bucket
     */
    String clientKey(String remoteAddress, List<String> forwardedFor) {
        Optional<InetAddress> remote = IpAddresses.parse(remoteAddress);
        if (remote.isEmpty()) {
            return String.valueOf(remoteAddress);
        }
        InetAddress client = remote.get();
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0 && isTrustedProxy(client); i--) {
            Optional<InetAddress> hop = IpAddresses.parse(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
        }
        return key(client);
    }

    private boolean isTrustedProxy(InetAddress address) {
        return trustedProxies.stream().anyMatch(block -> block.contains(address));
    }

    private static List<String> hops(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String hop : value.split(",")) {
                hops.add(hop.strip());
            }
        }
        return hops;
    }

    private static String key(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        StringBuilder network = new StringBuilder();
        for (int i = 0; i < IPV6_CLIENT_PREFIX_BYTES; i += 2) {
            network.append(Integer.toHexString((bytes[i] & 0xFF) << 8 | bytes[i + 1] & 0xFF)).append(':');
        }
        return network.append(":/64").toString();
    }
}
