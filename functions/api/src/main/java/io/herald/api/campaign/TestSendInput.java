package io.herald.api.campaign;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Where the test copies go. */
@RegisterForReflection
@Schema(name = "TestSendInput")
public record TestSendInput(@Schema(description = "1 to 10 addresses; each gets one copy of each variant", required = true,
        examples = "[\"marketing@acme.example\"]") List<String> to) {
}
