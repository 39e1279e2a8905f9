package io.herald.core.content.generation;

import io.herald.core.content.Repair;
import io.herald.core.content.Source;
import io.herald.core.content.TokenUsage;
import io.herald.core.content.Variant;
import io.herald.core.content.VariantDraft;
import io.herald.core.content.guardrails.ContentChecks;
import io.herald.core.content.rendering.TemplateComposer;
import io.herald.core.errors.HeraldException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Content from the model when it delivers checked variants, else from the deterministic template composer,
 * whose variants pass through the same checks. The response says which one wrote it and why.
 */
@ApplicationScoped
public class Composer {

    private static final Logger LOG = Logger.getLogger(Composer.class);

    private final LlmComposer llm;

    public Composer(LlmComposer llm) {
        this.llm = llm;
    }

    @Fallback(fallbackMethod = "fromTemplate", skipOn = HeraldException.class)
    public Composition compose(GenerationContext ctx) {
        return llm.compose(ctx);
    }

    /** The template composer's content, with the model's failure as the reason (also the fallback of callers with their own policy). */
    public Composition fromTemplate(GenerationContext ctx, Throwable failure) {
        String reason;
        TokenUsage usage = TokenUsage.NONE;
        String model = null;
        String finishReason = null;
        Repair repair = Repair.NONE;
        if (failure instanceof LlmFailure llmFailure) {
            reason = llmFailure.getMessage();
            usage = llmFailure.usage();
            model = llmFailure.model();
            finishReason = llmFailure.finishReason();
            repair = llmFailure.repair();
            if (llmFailure.getMessage().equals(LlmComposer.NOT_CONFIGURED)) {
                LOG.debug("No model configured; using the template composer");
            } else {
                LOG.warnf("Using the template composer: %s", reason);
            }
        } else {
            reason = "unexpected error: " + failure.getClass().getSimpleName();
            LOG.error("Content generation failed unexpectedly; using the template composer", failure);
        }
        return new Composition(template(ctx), Source.template, reason, model, usage, finishReason, repair);
    }

    /** The template composer's variants, checked like the model's. */
    public static List<Variant> template(GenerationContext ctx) {
        List<VariantDraft> drafts = TemplateComposer.compose(ctx.channel(), ctx.brief(), ctx.brand(), ctx.attributes(), ctx.rules().mergeFields(), ctx.variants(),
                draft -> ContentChecks.fitsLengths(draft, ctx.rules()));
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            variants.add(ContentChecks.check(i + 1, drafts.get(i), ctx.rules()));
        }
        return variants;
    }
}
