package io.herald.core.content.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.output.FinishReason;
import io.herald.core.content.ModelParameters;
import io.herald.core.content.Repair;
import io.herald.core.content.Source;
import io.herald.core.content.TokenUsage;
import io.herald.core.content.Variant;
import io.herald.core.content.guardrails.CheckResult;
import io.herald.core.content.guardrails.ContentChecks;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Asks the model for the variants and holds its answer to the checks. An answer that fails a check (or is not
 * the JSON asked for, or was cut off at the token limit) gets one repair call that tells the model what
 * failed; a second failure, a refusal, a content-filter stop or a failed call ends in an {@link LlmFailure}.
 */
@ApplicationScoped
public class LlmComposer {

    static final String NOT_CONFIGURED = "no model configured: set OPENAI_API_KEY, or QUARKUS_LANGCHAIN4J_OPENAI_BASE_URL for another OpenAI-compatible server";

    private final ModelClient client;
    private final ModelAvailability availability;
    private final ObjectMapper json;

    public LlmComposer(ModelClient client, ModelAvailability availability, ObjectMapper json) {
        this.client = client;
        this.availability = availability;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public Composition compose(GenerationContext ctx) {
        if (!availability.configured()) {
            throw new LlmFailure(NOT_CONFIGURED, TokenUsage.NONE, null, null, Repair.NONE, null);
        }
        List<ChatMessage> messages = new ArrayList<>(List.of(
                SystemMessage.from(ctx.messages().system()), UserMessage.from(ctx.messages().user())));
        Spent spent = new Spent(ctx.parameters() != null && ctx.parameters().model() != null
                ? ctx.parameters().model() : availability.defaultModel());
        Answer first = ask(ctx, messages, spent, Repair.NONE);
        if (first.passed()) {
            return spent.composition(first.variants, Repair.NONE);
        }
        List<String> failedNames = first.failedNames();
        if (!first.repairable) {
            throw spent.failure(first.problems.get(0), Repair.NONE);
        }
        messages.add(AiMessage.from(first.raw == null || first.raw.isBlank() ? "(no answer)" : first.raw));
        messages.add(UserMessage.from(repairInstruction(first, ctx.variants())));
        Answer second = ask(ctx, messages, spent, new Repair(true, false, failedNames));
        if (second.passed()) {
            return spent.composition(second.variants, new Repair(true, true, failedNames));
        }
        String reason = second.repairable
                ? "checks failed after one repair: " + String.join(", ", second.failedNames())
                : second.problems.get(0);
        throw spent.failure(reason, new Repair(true, false, failedNames));
    }

    private Answer ask(GenerationContext ctx, List<ChatMessage> messages, Spent spent, Repair repairSoFar) {
        ChatResponse response;
        try {
            response = client.chat(ChatRequest.builder().messages(messages).parameters(parameters(ctx)).build());
        } catch (RuntimeException failure) {
            throw spent.failure(ModelFailures.describe(failure), repairSoFar, failure);
        }
        spent.add(response);
        String raw = response.aiMessage() == null ? null : response.aiMessage().text();
        if (response.finishReason() == FinishReason.CONTENT_FILTER) {
            return Answer.fatal(raw, "model output stopped by its content filter (finish_reason content_filter)");
        }
        if (response.finishReason() == FinishReason.LENGTH) {
            return Answer.failed(raw, "truncated", "the answer was cut off at the token limit (finish_reason length); "
                    + "write shorter variants so that the whole JSON fits");
        }
        if (raw == null || raw.isBlank()) {
            return Answer.failed(raw, "format", "the answer was empty; answer with the JSON object");
        }
        List<JsonNode> items;
        try {
            items = variantsOf(json.readTree(stripFences(raw)), ctx.variants());
        } catch (JsonProcessingException notJson) {
            return Answer.failed(raw, "format", "the answer was not valid JSON; answer with one JSON object and nothing else");
        }
        if (items.size() < ctx.variants()) {
            return Answer.failed(raw, "format", "expected " + ctx.variants() + " variant(s) in \"variants\", got " + items.size());
        }
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < ctx.variants(); i++) {
            if (!items.get(i).isObject()) {
                return Answer.failed(raw, "format", "variant " + (i + 1) + " is not an object with the fields asked for");
            }
            try {
                Object output = json.treeToValue(items.get(i), ChannelOutputs.type(ctx.channel()));
                variants.add(ContentChecks.check(i + 1, ChannelOutputs.toDraft(output), ctx.rules()));
            } catch (JsonProcessingException | IllegalArgumentException wrongShape) {
                return Answer.failed(raw, "format", "variant " + (i + 1) + " is not an object with the fields asked for");
            }
        }
        return Answer.checked(raw, variants);
    }

    private static OpenAiChatRequestParameters parameters(GenerationContext ctx) {
        ModelParameters asked = ctx.parameters();
        OpenAiChatRequestParameters.Builder builder = OpenAiChatRequestParameters.builder().seed(ctx.seed());
        builder.responseFormat(ResponseFormat.JSON);
        if (asked != null) {
            builder.modelName(asked.model()).temperature(asked.temperature()).maxOutputTokens(asked.maxTokens());
        }
        return builder.build();
    }

    /** {"variants": [...]} as asked, or a bare array, or a single object when one variant was asked for. */
    private static List<JsonNode> variantsOf(JsonNode root, int wanted) {
        JsonNode list = root.isArray() ? root : root.path("variants");
        List<JsonNode> items = new ArrayList<>();
        if (list.isArray()) {
            list.forEach(items::add);
        } else if (wanted == 1 && root.isObject() && !root.has("variants")) {
            items.add(root);
        }
        return items;
    }

    private static String stripFences(String raw) {
        String text = raw.strip();
        if (text.startsWith("```")) {
            int firstLine = text.indexOf('\n');
            int end = text.lastIndexOf("```");
            if (firstLine > 0 && end > firstLine) {
                return text.substring(firstLine + 1, end);
            }
        }
        return text;
    }

    private static String repairInstruction(Answer failed, int variants) {
        StringBuilder out = new StringBuilder("Your previous answer failed these checks:\n");
        failed.problems.forEach(problem -> out.append("- ").append(problem).append('\n'));
        return out.append("Answer again with the complete JSON object (all ").append(variants)
                .append(" variant(s)), fixing every failure and following every rule of the system message.").toString();
    }

    /** One model answer and what was wrong with it. */
    private static final class Answer {
        final String raw;
        final List<Variant> variants;
        final List<String> problems;
        final Set<String> names;
        final boolean repairable;

        private Answer(String raw, List<Variant> variants, List<String> problems, Set<String> names, boolean repairable) {
            this.raw = raw;
            this.variants = variants;
            this.problems = problems;
            this.names = names;
            this.repairable = repairable;
        }

        static Answer fatal(String raw, String reason) {
            return new Answer(raw, List.of(), List.of(reason), Set.of("model"), false);
        }

        static Answer failed(String raw, String check, String problem) {
            return new Answer(raw, List.of(), List.of(check + ": " + problem), Set.of(check), true);
        }

        static Answer checked(String raw, List<Variant> variants) {
            List<String> problems = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            for (Variant variant : variants) {
                for (CheckResult check : variant.checks()) {
                    if (!check.passed()) {
                        problems.add("variant " + variant.index() + ", " + check.name() + ": " + check.detail());
                        names.add(check.name());
                    }
                }
            }
            return new Answer(raw, variants, problems, names, true);
        }

        boolean passed() {
            return problems.isEmpty();
        }

        List<String> failedNames() {
            return List.copyOf(names);
        }
    }

    /** Tokens, model and finish reason accumulated over the calls of one generation. */
    private final class Spent {
        TokenUsage usage = TokenUsage.NONE;
        String model;
        String finishReason;

        Spent(String askedModel) {
            this.model = askedModel;
        }

        void add(ChatResponse response) {
            if (response.tokenUsage() != null) {
                dev.langchain4j.model.output.TokenUsage t = response.tokenUsage();
                usage = usage.plus(new TokenUsage(nz(t.inputTokenCount()), nz(t.outputTokenCount()), nz(t.totalTokenCount())));
            }
            if (response.modelName() != null) {
                model = response.modelName();
            }
            finishReason = response.finishReason() == null ? null : finishReasonName(response.finishReason());
        }

        Composition composition(List<Variant> variants, Repair repair) {
            return new Composition(variants, Source.llm, null, model, usage, finishReason, repair);
        }

        LlmFailure failure(String reason, Repair repair) {
            return failure(reason, repair, null);
        }

        LlmFailure failure(String reason, Repair repair, Throwable cause) {
            return new LlmFailure(reason, usage, model, finishReason, repair, cause);
        }
    }

    /** OpenAI's spelling, which is what users see in the model server's own logs. */
    static String finishReasonName(FinishReason reason) {
        return switch (reason) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case CONTENT_FILTER -> "content_filter";
            case TOOL_EXECUTION -> "tool_calls";
            default -> reason.name().toLowerCase(Locale.ROOT);
        };
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }
}
