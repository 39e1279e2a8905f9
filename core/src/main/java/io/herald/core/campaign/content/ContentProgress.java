package io.herald.core.campaign.content;

import io.herald.core.campaign.CampaignProgress;
import io.herald.core.content.GeneratedContent;
import io.herald.core.content.Repair;
import io.herald.core.content.TokenUsage;
import io.herald.core.content.generation.LlmFailure;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one place campaign content counts into the campaign's progress ({@link CampaignProgress}): model calls, tokens
 * by model (for the cost estimate), and content held.
 */
@ApplicationScoped
public class ContentProgress {

    /** Model names that can be part of a counter name; any other is counted under the default model. */
    private static final Pattern COUNTABLE_MODEL = Pattern.compile("[A-Za-z0-9._:/-]{1,100}");

    private final CampaignProgress progress;

    public ContentProgress(CampaignProgress progress) {
        this.progress = progress;
    }

    /** Counts the model calls and tokens of one generation (a repair is a second call). */
    void generated(String tenantId, String campaignId, GeneratedContent content) {
        if (content.model() != null) {
            calls(tenantId, campaignId, content.model(), content.repair(), content.usage());
        }
    }

    /** Counts the calls of a generation that failed; tokens too when the model answered before it failed. */
    void failed(String tenantId, String campaignId, LlmFailure failure) {
        if (failure.model() != null) {
            calls(tenantId, campaignId, failure.model(), failure.repair(), failure.usage());
        }
    }

    /** Counts one content group's variant held: its recipients get nothing until the campaign's content changes. */
    void held(String tenantId, String campaignId) {
        progress.record(tenantId, campaignId, Map.of(CampaignProgress.HELD, 1L));
    }

    private void calls(String tenantId, String campaignId, String model, Repair repair, TokenUsage usage) {
        boolean named = COUNTABLE_MODEL.matcher(model).matches();
        Map<String, Long> deltas = new HashMap<>();
        deltas.put(CampaignProgress.MODEL_CALLS, repair != null && repair.attempted() ? 2L : 1L);
        deltas.put(named ? CampaignProgress.inputTokens(model) : CampaignProgress.TOKENS_INPUT, (long) usage.input());
        deltas.put(named ? CampaignProgress.outputTokens(model) : CampaignProgress.TOKENS_OUTPUT, (long) usage.output());
        progress.record(tenantId, campaignId, deltas);
    }
}
