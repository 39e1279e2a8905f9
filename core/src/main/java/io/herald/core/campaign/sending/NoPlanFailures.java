package io.herald.core.campaign.sending;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** The production {@link PlanFailureHook}: nothing fails on purpose. */
@DefaultBean
@ApplicationScoped
class NoPlanFailures implements PlanFailureHook {
}
