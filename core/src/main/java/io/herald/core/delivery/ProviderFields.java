package io.herald.core.delivery;

import io.herald.core.errors.HeraldException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The settings each provider takes, which are required, and which are secrets (never shown again once written).
 * The providers' Mailers read these same keys from {@link ProviderCredentials}.
 */
public final class ProviderFields {

    /** One setting of a provider; {@code check} looks deeper than the pattern (a key that must parse). */
    record Field(String name, boolean required, boolean secret, Pattern valid, String expected, Predicate<String> check) {

        Field(String name, boolean required, boolean secret, Pattern valid, String expected) {
            this(name, required, secret, valid, expected, value -> true);
        }
    }

    private static final int MAX_VALUE = 2048;
    private static final Pattern ANY = Pattern.compile("[^\\p{Cntrl}]{1," + MAX_VALUE + "}");
    private static final Pattern HOST = Pattern.compile("(?i)[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
    private static final Pattern SNS_TOPIC_ARN = Pattern.compile("arn:aws(-cn|-us-gov)?:sns:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:[A-Za-z0-9_-]{1,256}");
    private static final Field US_OR_EU = optional("region", Pattern.compile("us|eu"), "us or eu");
    /** A Basic-auth user name: RFC 7617 forbids the colon in it. */
    private static final Pattern BASIC_USER = Pattern.compile("[^\\p{Cntrl}:]{1,256}");
    /** Base64, or PEM with its BEGIN/END lines (line breaks allowed): checked further by parsing it. */
    private static final Pattern PUBLIC_KEY = Pattern.compile("[A-Za-z0-9+/=\\s-]{1," + MAX_VALUE + "}");

    /*
     * No base URL among them: where a provider's API lives is the operator's configuration (herald.providers.*),
     * never a tenant's, or a tenant could point Herald's workers at any address inside the network (SSRF).
     */
    private static final Map<ProviderKind, List<Field>> FIELDS = Map.of(
            ProviderKind.smtp, List.of(
                    required("host", HOST, "a host name"),
                    optional("port", PORT, "a TCP port"),
                    optional("username", ANY, "text"),
                    secret("password", false),
                    optional("tls", Pattern.compile("starttls|tls|none"), "starttls, tls or none")),
            ProviderKind.ses, List.of(
                    required("region", REGION, "an AWS region such as eu-west-1"),
                    optional("accessKeyId", Pattern.compile("[A-Z0-9]{16,128}"), "an AWS access key id"),
                    secret("secretAccessKey", false),
                    secret("sessionToken", false),
                    optional("configurationSet", Pattern.compile("[A-Za-z0-9_-]{1,64}"), "an SES configuration set name"),
                    // The one SNS topic whose messages POST /hooks/ses/{tenant} accepts (tracking, hooks-ses slice).
                    optional("snsTopicArn", SNS_TOPIC_ARN, "an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:ses-events")),
            ProviderKind.sendgrid, List.of(secret("apiKey", true), US_OR_EU,
                    // The Signed Event Webhook's verification key: public, but write-only like every webhook secret.
                    new Field("webhookVerificationKey", false, true, PUBLIC_KEY,
                            "an ECDSA P-256 public key (base64 DER, as SendGrid shows it, or PEM)", value -> EcPublicKeys.parse(value).isPresent())),
            ProviderKind.mailgun, List.of(
                    secret("apiKey", true),
                    required("domain", HOST, "the sending domain"),
                    US_OR_EU,
                    secret("webhookSigningKey", false)),
            ProviderKind.postmark, List.of(
                    secret("serverToken", true),
                    optional("messageStream", Pattern.compile("[a-z0-9-]{1,30}"), "a message stream id such as outbound or broadcast"),
                    optional("webhookUsername", BASIC_USER, "1 to 256 characters without a colon or control characters"),
                    secret("webhookPassword", false)));

    private ProviderFields() {
    }

    /** The kind named in a path, or a 404 that lists the kinds. */
    public static ProviderKind kind(String name) {
        for (ProviderKind kind : ProviderKind.values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        throw new HeraldException(HeraldException.Kind.NOT_FOUND, "Not found",
                "provider '" + name + "' does not exist; use one of " + List.of(ProviderKind.values()));
    }

    /** Checks the settings for the kind and answers them in a canonical order; each refusal names the key. */
    static Map<String, String> validate(ProviderKind kind, Map<String, String> values) {
        if (values == null) {
            throw HeraldException.invalid("a JSON object with the " + kind + " settings is required");
        }
        List<Field> fields = FIELDS.get(kind);
        Set<String> known = Set.copyOf(fields.stream().map(Field::name).toList());
        for (String key : new TreeMap<>(values).keySet()) {
            if (!known.contains(key)) {
                throw HeraldException.invalid("'" + key + "' is not a " + kind + " setting; use " + fields.stream().map(Field::name).toList());
            }
        }
        Map<String, String> valid = new LinkedHashMap<>();
        for (Field field : fields) {
            String value = values.get(field.name());
            if (value == null || value.isBlank()) {
                if (field.required()) {
                    throw HeraldException.invalid(field.name() + ": required for " + kind);
                }
                continue;
            }
            if (!field.valid().matcher(value).matches() || !field.check().test(value)) {
                throw HeraldException.invalid(field.name() + ": " + (field.secret() ? "the value" : "'" + value + "'") + " is not " + field.expected());
            }
            valid.put(field.name(), value);
        }
        if (kind == ProviderKind.smtp && valid.containsKey("port") && Integer.parseInt(valid.get("port")) > 65535) {
            throw HeraldException.invalid("port: '" + valid.get("port") + "' is not a TCP port");
        }
        if (kind == ProviderKind.ses && valid.containsKey("accessKeyId") != valid.containsKey("secretAccessKey")) {
            throw HeraldException.invalid((valid.containsKey("accessKeyId") ? "secretAccessKey" : "accessKeyId")
                    + ": accessKeyId and secretAccessKey go together (or leave both out to use the function's own role)");
        }
        if (kind == ProviderKind.ses && valid.containsKey("sessionToken") && !valid.containsKey("accessKeyId")) {
            throw HeraldException.invalid("accessKeyId: required with a sessionToken");
        }
        if (kind == ProviderKind.postmark && valid.containsKey("webhookUsername") != valid.containsKey("webhookPassword")) {
            throw HeraldException.invalid((valid.containsKey("webhookUsername") ? "webhookPassword" : "webhookUsername")
                    + ": webhookUsername and webhookPassword go together (the HTTP Basic credentials of the webhook URL)");
        }
        if (kind == ProviderKind.smtp && valid.containsKey("password") != valid.containsKey("username")) {
            throw HeraldException.invalid((valid.containsKey("username") ? "password" : "username")
                    + ": username and password go together (or leave both out for a server without authentication)");
        }
        return valid;
    }

    /** The settings that may be shown again: everything but the secrets. */
    static Map<String, String> visible(ProviderKind kind, Map<String, String> values) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (Field field : FIELDS.get(kind)) {
            if (!field.secret() && values.containsKey(field.name())) {
                shown.put(field.name(), values.get(field.name()));
            }
        }
        return shown;
    }

    private static Field required(String name, Pattern valid, String expected) {
        return new Field(name, true, false, valid, expected);
    }

    private static Field optional(String name, Pattern valid, String expected) {
        return new Field(name, false, false, valid, expected);
    }

    private static Field secret(String name, boolean required) {
        return new Field(name, required, true, ANY, "1 to " + MAX_VALUE + " characters without control characters");
    }
}
