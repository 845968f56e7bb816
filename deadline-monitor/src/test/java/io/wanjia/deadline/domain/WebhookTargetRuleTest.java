package io.wanjia.deadline.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.wanjia.deadline.domain.WebhookTargetRule.Refusal;

/** Where an alert may go: one row per special-purpose block, each citing where the block is defined. */
class WebhookTargetRuleTest {

    private static final List<Network> NONE = List.of();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1         | a loopback address                  | RFC 1122 3.2.1.3",
            "127.255.0.9       | a loopback address                  | RFC 1122: all of 127/8",
            "::1               | a loopback address                  | RFC 4291 2.5.3",
            "0.0.0.0           | an unspecified address              | RFC 1122: this host on this network",
            "::                | an unspecified address              | RFC 4291 2.5.2",
            "10.20.30.40       | a private address (RFC 1918)        | RFC 1918",
            "172.16.0.1        | a private address (RFC 1918)        | RFC 1918",
            "172.31.255.254    | a private address (RFC 1918)        | RFC 1918 (172.16/12 ends here)",
            "192.168.1.20      | a private address (RFC 1918)        | RFC 1918",
            "::ffff:10.0.0.1   | a private address (RFC 1918)        | RFC 4291 2.5.5.2, IPv4-mapped",
            "64:ff9b::a00:1    | a private address (RFC 1918)        | RFC 6052, NAT64 of 10.0.0.1",
            "2002:c0a8:0101::1 | a private address (RFC 1918)        | RFC 3056, 6to4 of 192.168.1.1",
            "100.64.0.7        | a shared address (CGNAT, RFC 6598)  | RFC 6598",
            "100.127.255.1     | a shared address (CGNAT, RFC 6598)  | RFC 6598 (100.64/10 ends here)",
            "169.254.10.1      | a link-local address                | RFC 3927",
            "fe80::1           | a link-local address                | RFC 4291 2.5.6",
            "fd12:3456::1      | a unique local address (fc00::/7)   | RFC 4193",
            "fc00::1           | a unique local address (fc00::/7)   | RFC 4193",
            "169.254.169.254   | a cloud metadata address            | AWS, Azure, GCP, Huawei Cloud, OpenStack",
            "100.100.100.200   | a cloud metadata address            | Alibaba Cloud ECS",
            "fd00:ec2::254     | a cloud metadata address            | AWS Nitro over IPv6",
            "224.0.0.1         | a multicast address                 | RFC 5771",
            "ff02::1           | a multicast address                 | RFC 4291 2.7",
            "240.0.0.1         | a reserved address                  | RFC 1112 (class E)",
            "198.18.0.1        | a benchmarking address              | RFC 2544",
            "2001:0:4136::1    | a Teredo tunnel address             | RFC 4380"})
    void shouldRefuseASpecialPurposeAddress(String address, String kind, String source) throws UnknownHostException {
        assertThat(WebhookTargetRule.checkAddresses(List.of(InetAddress.getByName(address)), NONE))
                .contains(new Refusal("public-address", "the host resolves to " + kind));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2400:3200::1", "64:ff9b::808:808"})
    void shouldLetAPublicAddressThrough(String address) throws UnknownHostException {
        assertThat(WebhookTargetRule.checkAddresses(List.of(InetAddress.getByName(address)), NONE)).isEmpty();
    }

    @ParameterizedTest(name = "{0} allowed by {1}")
    @CsvSource({"127.0.0.1, 127.0.0.1", "10.8.3.4, 10.8.0.0/16", "fd00:1::5, fd00::/8"})
    void shouldLetAnAllowedNetworkThrough(String address, String allowed) throws UnknownHostException {
        assertThat(WebhookTargetRule.checkAddresses(List.of(InetAddress.getByName(address)), List.of(Network.parse(allowed)))).isEmpty();
    }

    @ParameterizedTest(name = "{0} with 127.0.0.1 allowed")
    @CsvSource({"127.0.0.2", "10.9.0.1"})
    void shouldAllowOnlyWhatTheListSays(String address) throws UnknownHostException {
        assertThat(WebhookTargetRule.checkAddresses(List.of(InetAddress.getByName(address)), List.of(Network.parse("127.0.0.1"))))
                .isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"8.8.8.8", "127.0.0.1"})
    void shouldRefuseAHostWhenAnyOfItsAddressesIsForbidden(String first) throws UnknownHostException {
        List<InetAddress> resolved = List.of(InetAddress.getByName(first), InetAddress.getByName("169.254.169.254"));

        assertThat(WebhookTargetRule.checkAddresses(resolved, List.of(Network.parse("127.0.0.1")))).map(Refusal::description)
                .contains("the host resolves to a cloud metadata address");
        assertThat(WebhookTargetRule.checkAddresses(List.of(), NONE)).map(Refusal::rule).contains("resolvable-host");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"ftp://example.org/alerts, http-or-https", "file:///etc/passwd, http-or-https", "gopher://example.org/, http-or-https",
            "http://user:secret@example.org/alerts, no-credentials", "http:///alerts, host"})
    void shouldRefuseAUrlThatIsNotAPlainHttpTarget(String url, String rule) {
        assertThat(WebhookTargetRule.checkUrl(URI.create(url))).map(Refusal::rule).contains(rule);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"http://alerts.example.org/wanjia?district=210102", "https://[2400:3200::1]:8443/alerts"})
    void shouldTakeAPlainHttpOrHttpsUrl(String url) {
        assertThat(WebhookTargetRule.checkUrl(URI.create(url))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"alerts.internal", "10.0.0.0/33", "not an address"})
    void shouldRefuseAnAllowedNetworkThatIsNotAnAddressBlock(String entry) {
        assertThatThrownBy(() -> Network.parse(entry)).isInstanceOf(IllegalArgumentException.class);
    }
}
