package io.herald.core.tracking.webhook.sns;

import io.herald.core.tracking.webhook.WebhookRejected;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The allowlist every URL of an SNS message passes before anything is fetched. */
class SnsUrlsTest {

    private static final String TOPIC = "arn:aws:sns:us-west-2:123456789012:MyTopic";

    @ParameterizedTest
    @ValueSource(strings = {
            "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem",
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000000000test.pem",
            "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem",
            "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-abc.pem"})
    void admitsSnsCertificateUrls(String url) {
        assertThat(SnsUrls.signingCertificate(url).uri().toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://sns.us-east-1.amazonaws.com.attacker.example/cert.pem",
            "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
            "HTTPS://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
            "https://SNS.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
            "https://sns.us-east-1.amazonaws.com:443/SimpleNotificationService-abc.pem",
            "https://sns.us-east-1.amazonaws.com:/SimpleNotificationService-abc.pem",
            "https://user@sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
            "https://sns.us-east-1.amazonaws.com@attacker.example/x.pem",
            "https://attacker.example/sns.us-east-1.amazonaws.com/x.pem",
            "https://sns.amazonaws.com/SimpleNotificationService-abc.pem",
            "https://sns..amazonaws.com/SimpleNotificationService-abc.pem",
            "https://sns.-x.amazonaws.com/SimpleNotificationService-abc.pem",
            "https://xsns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
            "https://sns.us_east_1.amazonaws.com/SimpleNotificationService-abc.pem",
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem?x=1",
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem#frag",
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.txt",
            "https://sns.us-east-1.amazonaws.com/../evil.pem",
            "https://sns.us-east-1.amazonaws.com/a/%2e%2e/evil.pem",
            "https://sns.us-east-1.amazonaws.com\\@attacker.example/x.pem",
            "https://sns.us-east-1.amazonaws.com /x.pem",
            "file:///etc/passwd.pem",
            "//sns.us-east-1.amazonaws.com/x.pem",
            ""})
    void refusesEverythingElse(String url) {
        assertThatThrownBy(() -> SnsUrls.signingCertificate(url)).isInstanceOf(WebhookRejected.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-west-2:123456789012:MyTopic&Token=2336412f37",
            "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&Token=2336412f37"})
    void admitsTheTopicsOwnConfirmation(String url) {
        assertThat(SnsUrls.subscribe(url, TOPIC).region()).isEqualTo("us-west-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://attacker.example.com/?Action=ConfirmSubscription&Token=x",
            "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-west-2:123456789012:MyTopic&Token=x",
            "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-west-2:123456789012:Other&Token=x",
            "https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&TopicArn=arn:aws:sns:us-west-2:123456789012:MyTopic",
            "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&Action=Publish&Token=x",
            "https://sns.us-west-2.amazonaws.com/other?Action=ConfirmSubscription&Token=x",
            "http://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&Token=x",
            "https://sns.us-west-2.amazonaws.com:8443/?Action=ConfirmSubscription&Token=x"})
    void refusesAnyOtherConfirmationUrl(String url) {
        assertThatThrownBy(() -> SnsUrls.subscribe(url, TOPIC)).isInstanceOf(WebhookRejected.class);
    }
}
