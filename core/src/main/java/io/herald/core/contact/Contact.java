package io.herald.core.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * A person a tenant markets to.
 *
 * @param id the caller's own identifier (1 to 128 characters)
 * @param email where email goes; optional for contacts reached on other channels
 * @param attributes free-form profile data (a JSON object of at most 16 KiB)
 * @param timezone IANA zone such as {@code Asia/Shanghai}
 * @param locale BCP 47 tag such as {@code zh-CN}
 * @param consent per channel ({@code email}, {@code sms}, ...), whether the person agreed to be contacted
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Contact(String id, String email, ObjectNode attributes, String timezone, String locale,
        Map<String, Consent> consent, Instant createdAt, Instant updatedAt) {
}
