package io.herald.core.campaign.content;

import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.CampaignStatus;
import io.herald.core.campaign.ContentOptions;
import io.herald.core.campaign.content.ContentFallback;
import io.herald.core.campaign.content.ContentMode;
import io.herald.core.campaign.VariantSpec;
import io.herald.core.content.Brief;
import io.herald.core.content.PromptRef;
import io.herald.core.content.Channel;
import io.herald.core.content.Variant;
import io.herald.core.content.VariantDraft;
import io.herald.core.content.guardrails.CheckResult;
import io.herald.core.content.guardrails.ContentChecks;
import io.herald.core.content.prompt.PromptAssembler;
import io.herald.core.content.prompt.PromptMessages;
import io.herald.core.content.prompt.Prompt;
import io.herald.core.errors.HeraldException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.herald.core.campaign.content.CampaignEmails.CTA;
import static io.herald.core.campaign.content.CampaignEmails.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The content checks and the prompt with a campaign's declared merge fields. */
class CampaignContentChecksTest {

    private static CheckResult placeholders(String subject, String html, Set<String> declared) {
        Variant variant = ContentChecks.check(1, VariantDraft.email(subject, "", html), CampaignEmails.rules(declared));
        return variant.checks().stream().filter(c -> c.name().equals("placeholders")).findFirst().orElseThrow();
    }

    private static final String LINK = "<p><a href=\"" + CTA + "\">Shop</a></p>";

    @Test
    void exactlyTheDeclaredMergeFieldsAreAccepted() {
        assertThat(placeholders("Hi {{firstName}}", "<p>Dear {{ firstName }} {{lastName}}</p>" + LINK, Set.of("firstName", "lastName")).passed())
                .isTrue();
        CheckResult undeclared = placeholders("Hi {{firstName}}", "<p>From {{city}}</p>" + LINK, Set.of("firstName"));
        assertThat(undeclared.passed()).isFalse();
        assertThat(undeclared.detail()).contains("{{city}}").contains("[{{firstName}}]");
        assertThat(placeholders("Hi {firstName}", LINK, Set.of("firstName")).passed()).isFalse();
        assertThat(placeholders("Hi {{firstName}}", LINK, Set.of()).passed()).isFalse();
    }

    @Test
    void aMergeFieldInsideALinkFailsEvenWhenDeclared() {
        CheckResult inHref = placeholders("Hi", "<p><a href=\"" + CTA + "?n={{firstName}}\">Shop</a></p>" + LINK, Set.of("firstName"));
        assertThat(inHref.passed()).isFalse();
        assertThat(inHref.detail()).contains("inside links or attributes");
    }

    @Test
    void thePromptNamesTheDeclaredMergeFieldsInsteadOfForbiddingThem() {
        Prompt prompt = new Prompt("p", 1, "system", "user", null, List.of(), null, "h", Instant.EPOCH);
        Brief brief = new Brief("Win back", "Spring", CTA, null, "en");
        PromptMessages campaign = PromptAssembler.assemble(new PromptAssembler.Input(prompt, brief, Channel.email, null, 1, "Acme",
                List.of(), List.of(), 3, JSON.createObjectNode(), JSON.createArrayNode(), List.of("firstName", "city")), JSON);
        assertThat(campaign.system()).contains("only with these merge fields, written exactly so: {{firstName}}, {{city}}")
                .contains("never inside a link").doesNotContain("Write final text");
        PromptMessages single = PromptAssembler.assemble(new PromptAssembler.Input(prompt, brief, Channel.email, null, 1, "Acme",
                List.of(), List.of(), 3, JSON.createObjectNode(), JSON.createArrayNode()), JSON);
        assertThat(single.system()).contains("Write final text: no placeholders");
    }

    @Test
    void aStoredCampaignGivesTheSpecItsContentStepNeeds() {
        Brief brief = new Brief("Win back", "Spring", CTA, null, "zh-CN");
        Campaign campaign = new Campaign("c1", "t1", "Spring", Channel.email, CampaignStatus.running, brief,
                List.of(new VariantSpec("a", new PromptRef("spring", 2), null), new VariantSpec("b", null, null)), null, null, null,
                null, null, null, 60, new ContentOptions("tier", Map.of("lastName", "", "firstName", "there"), ContentFallback.hold,
                        ContentMode.perRecipient, 5_000L), null, null, null, null);
        CampaignContentSpec spec = CampaignContentSpec.from(campaign).validate();
        assertThat(spec.variants()).containsExactly(new VariantPrompt("a", new PromptRef("spring", 2)), new VariantPrompt("b", null));
        assertThat(spec.mergeFields()).containsExactly(new MergeField("firstName", "there"), new MergeField("lastName", ""));
        assertThat(spec.fallback()).isEqualTo(ContentFallback.hold);
        assertThat(spec.mode()).isEqualTo(ContentMode.perRecipient);
        assertThat(spec.tokenBudget()).isEqualTo(5_000L);
        assertThat(spec.groupBy()).isEqualTo("tier");
        assertThat(spec.defaultLanguage()).isEqualTo("zh-CN");
    }

    @Test
    void theSpecRefusesWhatCannotWorkNamingTheField() {
        CampaignContentSpec ok = new CampaignContentSpec("c", null, List.of(new VariantPrompt("a", null)), "tier",
                List.of(new MergeField("firstName", "there")), ContentFallback.hold, ContentMode.perRecipient, 10_000L, "zh", null);
        assertThat(ok.validate()).isSameAs(ok);
        assertThatThrownBy(() -> new CampaignContentSpec("c", null, List.of(new VariantPrompt("a", null)), null,
                List.of(new MergeField("email", "")), null, null, null, null, null).validate())
                .isInstanceOf(HeraldException.class).hasMessageStartingWith("mergeFields[].name: 'email' is not a merge field");
        assertThatThrownBy(() -> new CampaignContentSpec("c", null, List.of(new VariantPrompt("a", null)), null,
                List.of(new MergeField("firstName", "{{lastName}}")), null, null, null, null, null).validate())
                .hasMessageContaining("mergeFields[firstName].default: must be plain text");
        assertThatThrownBy(() -> new CampaignContentSpec("c", null, List.of(new VariantPrompt("a", null), new VariantPrompt("a", null)),
                null, null, null, null, null, null, null).validate()).hasMessageContaining("'a' appears twice");
        assertThatThrownBy(() -> new CampaignContentSpec("c", null, List.of(new VariantPrompt("a", null)), null, null, null,
                ContentMode.perRecipient, null, null, null).validate()).hasMessageStartingWith("tokenBudget: required");
        assertThatThrownBy(() -> new CampaignContentSpec("c", null, List.of(new VariantPrompt("a", null)), "ti#er", null, null,
                null, null, null, null).validate()).hasMessageStartingWith("groupBy:");
        assertThatThrownBy(() -> new CampaignContentSpec("c", null, List.of(new VariantPrompt("a", null)), null, null, null,
                null, null, "12345", null).validate()).hasMessageStartingWith("defaultLanguage:");
        assertThatThrownBy(() -> new CampaignContentSpec("c", null, List.of(), null, null, null, null, null, null, null).validate())
                .hasMessageStartingWith("variants:");
    }
}
