package io.herald.core.content;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Where generated content goes; each channel has its own fields and limits. */
@RegisterForReflection
public enum Channel {
    email, sms, social, web
}
