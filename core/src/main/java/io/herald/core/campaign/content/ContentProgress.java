package io.herald.core.campaign.content;

import io.herald.core.content.GeneratedContent;
import io.herald.core.content.generation.LlmFailure;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/**
 * The one place campaign content counts into the campaign's progress: model calls, tokens, and content held.
 * Until {@code CampaignProgress} (campaigns) is merged, the counters sit beside the content, under
 * {@link Keys#campaignContent} and sort key {@code PROGRESS}; then {@link #record} delegates to
 * {@code CampaignProgress.record} and nothing else changes.
 */
@ApplicationScoped
public class ContentProgress {

    static final String PROGRESS_SK = "PROGRESS";

    private final Store store;

    public ContentProgress(Store store) {
        this.store = store;
    }

    /** Counts the model calls and tokens of one generation (a repair is a second call). */
    void generated(String tenantId, String campaignId, GeneratedContent content) {
        if (content.model() == null) {
            return;
        }
        Map<String, Long> deltas = new HashMap<>();
        deltas.put("modelCalls", content.repair() != null && content.repair().attempted() ? 2L : 1L);
        deltas.put("tokens.input", (long) content.usage().input());
        deltas.put("tokens.output", (long) content.usage().output());
        record(tenantId, campaignId, deltas);
    }

    /** Counts the calls of a generation that failed; tokens too when the model answered before it failed. */
    void failed(String tenantId, String campaignId, LlmFailure failure) {
        if (failure.model() == null) {
            return;
        }
        Map<String, Long> deltas = new HashMap<>();
        deltas.put("modelCalls", failure.repair() != null && failure.repair().attempted() ? 2L : 1L);
        deltas.put("tokens.input", (long) failure.usage().input());
        deltas.put("tokens.output", (long) failure.usage().output());
        record(tenantId, campaignId, deltas);
    }

    /** Counts one content group's variant held: its recipients get nothing until the campaign's content changes. */
    void held(String tenantId, String campaignId) {
        record(tenantId, campaignId, Map.of("held", 1L));
    }

    void record(String tenantId, String campaignId, Map<String, Long> deltas) {
        store.add(Keys.campaignContent(tenantId, campaignId), PROGRESS_SK, deltas);
    }

    /** The counters recorded so far. */
    public Map<String, Long> read(String tenantId, String campaignId) {
        return store.numbers(Keys.campaignContent(tenantId, campaignId), PROGRESS_SK);
    }
}
