package org.pmoresearch.survey.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressesTest {

    private final ClientAddresses behindProxies = new ClientAddresses(List.of("10.0.0.0/8", "fd00::/8", "192.0.2.1"));
    private final ClientAddresses direct = new ClientAddresses(List.of());

    @Test
    void withoutTrustedProxiesTheSocketAddressIsTheClientWhateverTheHeaderSays() {
        assertThat(direct.clientKey("198.51.100.7", List.of("203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void behindATrustedProxyTheAddressItAppendedIsTheClient() {
        assertThat(behindProxies.clientKey("10.1.2.3", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void hopsWrittenByTheClientItselfAreIgnored() {
        // The client sent "X-Forwarded-For: 1.1.1.1"; the proxy appended the address it saw.
        assertThat(behindProxies.clientKey("10.1.2.3", List.of("1.1.1.1, 203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void aChainOfTrustedProxiesIsWalkedToTheFirstUntrustedHop() {
        assertThat(behindProxies.clientKey("10.1.2.3", List.of("1.1.1.1, 203.0.113.9", "192.0.2.1, 10.9.9.9")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddressWithTheHeader() {
        assertThat(behindProxies.clientKey("198.51.100.7", List.of("203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void aGarbageHopStopsTheWalkAtTheLastAddressKnownToBeReal() {
        assertThat(behindProxies.clientKey("10.1.2.3", List.of("unknown"))).isEqualTo("10.1.2.3");
        assertThat(behindProxies.clientKey("10.1.2.3", List.of("203.0.113.9, evil.example"))).isEqualTo("10.1.2.3");
    }

    @Test
    void hopsWithPortsAndBracketsAreUnderstood() {
        assertThat(behindProxies.clientKey("10.1.2.3", List.of("203.0.113.9:4711"))).isEqualTo("203.0.113.9");
        assertThat(behindProxies.clientKey("10.1.2.3", List.of("[2001:db8::1]:443"))).isEqualTo("2001:db8:0:0::/64");
    }

    @Test
    void ipv6ClientsAreLimitedByTheirSlash64() {
        assertThat(direct.clientKey("2001:db8:1:2:aaaa::1", List.of()))
                .isEqualTo(direct.clientKey("2001:db8:1:2:bbbb::9", List.of()))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(direct.clientKey("2001:db8:1:3::1", List.of())).isEqualTo("2001:db8:1:3::/64");
    }

    @Test
    void trustedProxiesMatchIpv6BlocksAndIpv4MappedPeers() {
        assertThat(behindProxies.clientKey("fd12::5", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(behindProxies.clientKey("::ffff:10.1.2.3", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/", "10.0.0/8", "proxy.internal", "300.1.1.1", "::1/129", "10.0.0.0/8/8"})
    void aTrustedProxyThatIsNotACidrBlockFailsStartUpNamingTheProperty(String entry) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddresses(List.of(entry)))
                .withMessageContaining("pmo.rate-limit.trusted-proxies")
                .withMessageContaining(entry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.org", "1.2.3", "256.1.1.1", "a.b.c.d", ".1:2", "1.2.3.4.5", ""})
    void hostNamesAndMalformedAddressesAreNeverResolved(String text) {
        assertThat(IpAddresses.parse(text)).isEmpty();
    }
}
