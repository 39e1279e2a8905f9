package io.herald.core.content;

import io.herald.core.contact.ProfileRules;
import io.herald.core.errors.HeraldException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules a generation request must follow; each failure names its field. */
public final class GenerationRequests {

    public static final int MAX_VARIANTS = 5;
    public static final int MAX_TOKENS = 4096;
    static final int MAX_GOAL = 1_000;
    static final int MAX_PRODUCT = 300;
    static final int MAX_TONE = 100;
    static final int MAX_URL = 2_048;
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/\\-]{0,127}");

    private GenerationRequests() {
    }

    /**
     * The request with its defaults filled in (1 variant, language {@code en}), or a 400 naming what is wrong.
     *
     * @param maxAttributesBytes the largest inline {@code profile.attributes}, the same limit as a stored contact's
     *                           ({@code herald.contacts.max-attributes-bytes})
     */
    public static GenerationRequest validate(GenerationRequest request, int maxAttributesBytes) {
        if (request == null) {
            throw HeraldException.invalid("a JSON body is required");
        }
        if ((request.contactId() == null) == (request.profile() == null)) {
            throw HeraldException.invalid("give exactly one of contactId (a stored contact) or profile (an inline profile)");
        }
        if (request.contactId() != null) {
            ProfileRules.contactId(request.contactId());
        } else {
            Profile profile = request.profile();
            ProfileRules.email(profile.email());
            ProfileRules.timezone(profile.timezone());
            ProfileRules.locale(profile.locale());
            ProfileRules.sizeAtMost("profile.attributes", profile.attributes(), maxAttributesBytes);
        }
        if (request.channel() == null) {
            throw HeraldException.invalid("channel: required, one of email, sms, social, web");
        }
        if (request.channel() == Channel.social && request.network() == null) {
            throw HeraldException.invalid("network: required for the social channel, one of x, linkedin, instagram, facebook");
        }
        if (request.channel() != Channel.social && request.network() != null) {
            throw HeraldException.invalid("network: only for the social channel");
        }
        int variants = request.variants() == null ? 1 : request.variants();
        if (variants < 1 || variants > MAX_VARIANTS) {
            throw HeraldException.invalid("variants: " + variants + " is outside 1 to " + MAX_VARIANTS);
        }
        Brief brief = brief(request.brief());
        parameters(request.parameters());
        if (request.prompt() != null && (request.prompt().name() == null || request.prompt().name().isBlank())) {
            throw HeraldException.invalid("prompt.name: required when prompt is given");
        }
        return new GenerationRequest(request.contactId(), request.profile(), request.channel(), request.network(), brief,
                variants, request.prompt(), request.parameters());
    }

    /** The brief, validated and stripped; each error names its field ({@code brief.goal}, ...). */
    public static Brief brief(Brief brief) {
        if (brief == null) {
            throw HeraldException.invalid("brief: required, with goal, product and ctaUrl");
        }
        text("brief.goal", brief.goal(), MAX_GOAL, true);
        text("brief.product", brief.product(), MAX_PRODUCT, true);
        text("brief.tone", brief.tone(), MAX_TONE, false);
        ctaUrl(brief.ctaUrl());
        String language = language(brief.language());
        return new Brief(brief.goal().strip(), brief.product().strip(), brief.ctaUrl().strip(),
                brief.tone() == null ? null : brief.tone().strip(), language);
    }

    private static String language(String tag) {
        if (tag == null) {
            return "en";
        }
        try {
            String canonical = ProfileRules.locale(tag);
            if (!canonical.toLowerCase(Locale.ROOT).equals("und")) {
                return canonical;
            }
        } catch (HeraldException malformed) {
            // reported below with the field's own name
        }
        throw HeraldException.invalid("brief.language: '" + tag + "' is not a BCP 47 language tag such as en or zh-CN");
    }

    private static void ctaUrl(String url) {
        if (url == null || url.isBlank()) {
            throw HeraldException.invalid("brief.ctaUrl: required, an absolute http or https URL");
        }
        if (url.length() > MAX_URL) {
            throw HeraldException.invalid("brief.ctaUrl: at most " + MAX_URL + " characters");
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(url, "not an absolute http(s) URL with a host");
            }
        } catch (URISyntaxException e) {
            throw HeraldException.invalid("brief.ctaUrl: '" + url + "' is not an absolute http or https URL");
        }
    }

    private static void parameters(ModelParameters parameters) {
        if (parameters == null) {
            return;
        }
        if (parameters.model() != null && !MODEL.matcher(parameters.model()).matches()) {
            throw HeraldException.invalid("parameters.model: '" + parameters.model() + "' is not a model name such as gpt-4o-mini");
        }
        if (parameters.temperature() != null && (parameters.temperature().isNaN() || parameters.temperature() < 0 || parameters.temperature() > 2)) {
            throw HeraldException.invalid("parameters.temperature: " + parameters.temperature() + " is outside 0 to 2");
        }
        if (parameters.maxTokens() != null && (parameters.maxTokens() < 1 || parameters.maxTokens() > MAX_TOKENS)) {
            throw HeraldException.invalid("parameters.maxTokens: " + parameters.maxTokens() + " is outside 1 to " + MAX_TOKENS);
        }
    }

    private static void text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw HeraldException.invalid(field + ": required");
            }
            return;
        }
        if (value.length() > max) {
            throw HeraldException.invalid(field + ": " + value.length() + " characters, more than the limit of " + max);
        }
    }
}
