package io.herald.core.tracking.outbound;

import io.herald.core.errors.HeraldException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF guard: which URLs may be saved, and which resolved addresses are refused before an attempt. */
class WebhookTargetsTest {

    private final WebhookTargets strict = new WebhookTargets(config(false, false), WebhookTargetsTest::fakeDns);

    @Test
    void internalAddressesAreRefused() throws Exception {
        for (String address : List.of("127.0.0.1", "::1", "0.0.0.0", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "fd00:ec2::254", "fe80::1", "224.0.0.1", "ff02::1", "::ffff:10.0.0.1", "100.64.0.1", "198.18.0.1", "255.255.255.255")) {
            assertThat(WebhookTargets.refusal(InetAddress.getByName(address))).as(address).isNotNull();
        }
        for (String address : List.of("93.184.215.14", "8.8.8.8", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")) {
            assertThat(WebhookTargets.refusal(InetAddress.getByName(address))).as(address).isNull();
        }
    }

    @Test
    void aNameIsResolvedAtDeliveryAndRefusedWhenAnyOfItsAddressesIsInternal() {
        assertThat(strict.refusalAtDelivery("https://metadata.evil.example/hook")).contains("169.254.169.254");
        assertThat(strict.refusalAtDelivery("https://v6meta.evil.example/hook")).contains("fd00:ec2:0:0:0:0:0:254");
        assertThat(strict.refusalAtDelivery("https://mixed.evil.example/hook")).contains("10.0.0.7");
        assertThat(strict.refusalAtDelivery("https://hooks.acme.example/hook")).isNull();
        assertThat(new WebhookTargets(config(false, true), WebhookTargetsTest::fakeDns).refusalAtDelivery("https://metadata.evil.example/")).isNull();
    }

    @Test
    void savedUrlsAreHttpsWithoutCredentialsAndWithoutLiteralInternalHosts() {
        assertThat(strict.validate("https://hooks.acme.example/herald?x=1")).isEqualTo("https://hooks.acme.example/herald?x=1");
        assertInvalid("http://hooks.acme.example/", "https");
        assertInvalid("ftp://hooks.acme.example/", "https");
        assertInvalid("https://user:pass@hooks.acme.example/", "credentials");
        assertInvalid("https://127.0.0.1/hook", "this machine");
        assertInvalid("https://[fd00:ec2::254]/latest", "unique-local");
        assertInvalid("https://169.254.169.254/latest/meta-data", "link-local");
        assertInvalid("https://localhost:8080/", "this machine");
        assertInvalid("https:///nohost", "host");
        assertInvalid("https://hooks.acme.example/#frag", "fragment");
        assertInvalid("not a url", "");
        assertInvalid("", "required");
        assertInvalid("https://hooks.acme.example/" + "a".repeat(2100), "2048");
        WebhookTargets local = new WebhookTargets(config(true, true), WebhookTargetsTest::fakeDns);
        assertThat(local.validate("http://127.0.0.1:8089/hook")).isEqualTo("http://127.0.0.1:8089/hook");
    }

    private void assertInvalid(String url, String detail) {
        assertThatThrownBy(() -> strict.validate(url)).as(url).isInstanceOf(HeraldException.class)
                .hasMessageContaining(detail).extracting(e -> ((HeraldException) e).kind()).isEqualTo(HeraldException.Kind.INVALID_INPUT);
    }

    private static InetAddress[] fakeDns(String host) throws UnknownHostException {
        return switch (host) {
            case "metadata.evil.example" -> new InetAddress[] {InetAddress.getByName("169.254.169.254")};
            case "v6meta.evil.example" -> new InetAddress[] {InetAddress.getByName("fd00:ec2::254")};
            case "mixed.evil.example" -> new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7")};
            case "hooks.acme.example" -> new InetAddress[] {InetAddress.getByName("93.184.215.14")};
            default -> throw new UnknownHostException(host);
        };
    }

    static WebhookConfig config(boolean allowHttp, boolean allowPrivate) {
        return new WebhookConfig() {
            public boolean allowHttp() { return allowHttp; }
            public boolean allowPrivateTargets() { return allowPrivate; }
            public Duration timeout() { return Duration.ofSeconds(5); }
            public List<Duration> retrySchedule() { return List.of(Duration.ofSeconds(5)); }
            public int disableAfterFailures() { return 5; }
            public Duration previousSecretLifetime() { return Duration.ofHours(24); }
            public Duration logRetention() { return Duration.ofDays(30); }
            public int maxEndpoints() { return 20; }
        };
    }
}
