package io.herald.core.support;

import io.herald.core.errors.HeraldException;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Optional;

/**
 * A secret that comes from configuration: literally (local runs and tests) or, in AWS, as the name of an SSM
 * SecureString read with decryption on first use. The literal wins. A successful read is kept for the life of the
 * instance; a failed read is not, so the next use tries again (and answers 503 meanwhile).
 */
public final class ConfiguredSecret {

    private static final Logger LOG = Logger.getLogger(ConfiguredSecret.class);

    private final String description;
    private final Optional<String> literal;
    private final Optional<String> parameterName;
    private final SsmParameters ssm;
    private volatile Optional<String> value;

    /**
     * @param description what the secret is, for log lines and error messages ("the admin key")
     */
    public ConfiguredSecret(String description, Optional<String> literal, Optional<String> parameterName, SsmParameters ssm) {
        this.description = description;
        this.literal = literal.filter(text -> !text.isBlank()).map(String::strip);
        this.parameterName = parameterName.filter(name -> !name.isBlank());
        this.ssm = ssm;
    }

    /** The secret, or empty when none is configured. */
    public Optional<String> get() {
        Optional<String> known = value;
        if (known == null) {
            synchronized (this) {
                known = value;
                if (known == null) {
                    known = literal.isPresent() ? literal : parameterName.map(this::fetch).filter(text -> !text.isBlank());
                    value = known;
                }
            }
        }
        return known;
    }

    private String fetch(String name) {
        try {
            return ssm.decrypted(name);
        } catch (SdkException e) {
            LOG.errorf("cannot read %s from SSM parameter %s: %s", description, name, e.getMessage());
            throw new HeraldException(HeraldException.Kind.UNAVAILABLE, capitalized() + " unavailable",
                    description + " cannot be read from its SSM parameter; try again later");
        }
    }

    private String capitalized() {
        String text = description.startsWith("the ") ? description.substring(4) : description;
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
