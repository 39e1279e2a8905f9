package io.herald.core.campaign.content;

import io.herald.core.content.guardrails.CheckResult;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** Every pre-send check and its result; a message is sent only when all passed. */
@RegisterForReflection
public record PreSendResult(List<CheckResult> checks) {

    public boolean passed() {
        return checks.stream().allMatch(CheckResult::passed);
    }

    /** The names of the failed checks, such as {@code listUnsubscribe} or {@code placeholders}. */
    public List<String> failures() {
        return checks.stream().filter(check -> !check.passed()).map(CheckResult::name).toList();
    }

    /** One line for a message record or a log: each failed check with what it found. */
    public String describeFailures() {
        return String.join("; ", checks.stream().filter(check -> !check.passed()).map(check -> check.name() + ": " + check.detail()).toList());
    }
}
