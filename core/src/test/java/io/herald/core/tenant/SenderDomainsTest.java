package io.herald.core.tenant;

import io.herald.core.errors.HeraldException;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sender domains and the postal address: what a tenant may send from, and what its footer prints. */
class SenderDomainsTest {

    private static final TenantSettings ACME = settings(List.of("acme.example", "Mail.Shop.example"), "Acme Inc.\n1 Main St\nSpringfield");

    @Example
    void anAddressInASenderDomainOrItsSubdomainIsAllowed() {
        assertThat(TenantSettings.senderDomainAllowed(ACME, "news@acme.example")).isTrue();
        assertThat(TenantSettings.senderDomainAllowed(ACME, "Acme News <news@acme.example>")).isTrue();
        assertThat(TenantSettings.senderDomainAllowed(ACME, "\"Acme, Inc.\" <news@eu.acme.example>")).isTrue();
        assertThat(TenantSettings.senderDomainAllowed(ACME, "hello@MAIL.shop.example")).isTrue();
    }

    @Example
    void anythingElseIsNot() {
        assertThat(TenantSettings.senderDomainAllowed(ACME, "news@notacme.example")).isFalse();
        assertThat(TenantSettings.senderDomainAllowed(ACME, "news@acme.example.evil.test")).isFalse();
        assertThat(TenantSettings.senderDomainAllowed(ACME, "news@shop.example")).isFalse();
        assertThat(TenantSettings.senderDomainAllowed(ACME, "a@acme.example, b@acme.example")).isFalse();
        assertThat(TenantSettings.senderDomainAllowed(ACME, "Evil <x@evil.test> <news@acme.example>")).isFalse();
        assertThat(TenantSettings.senderDomainAllowed(ACME, "news@acme.example@evil.test")).isFalse();
        assertThat(TenantSettings.senderDomainAllowed(ACME, "acme.example")).isFalse();
        assertThat(TenantSettings.senderDomainAllowed(ACME, "")).isFalse();
        assertThat(TenantSettings.senderDomainAllowed(ACME, null)).isFalse();
        assertThat(TenantSettings.senderDomainAllowed(TenantSettings.defaults("Acme"), "news@acme.example")).as("no domains configured").isFalse();
    }

    @Property
    void arbitraryTextNeverThrows(@ForAll String from) {
        TenantSettings.senderDomainAllowed(ACME, from);
    }

    @Example
    void invalidDomainsAndAddressesAreRefusedNamingTheField() {
        TenantSettingsValidator.validate(ACME);
        assertThatThrownBy(() -> TenantSettingsValidator.validate(settings(List.of("acme"), null)))
                .isInstanceOf(HeraldException.class).hasMessageContaining("senderDomains: 'acme' is not a domain");
        assertThatThrownBy(() -> TenantSettingsValidator.validate(settings(List.of("news@acme.example"), null)))
                .hasMessageContaining("senderDomains");
        assertThatThrownBy(() -> TenantSettingsValidator.validate(settings(java.util.Arrays.asList("acme.example", null), null)))
                .hasMessageContaining("senderDomains: entries must be strings");
        assertThatThrownBy(() -> TenantSettingsValidator.validate(settings(List.of(), " ")))
                .hasMessageContaining("postalAddress");
        assertThatThrownBy(() -> TenantSettingsValidator.validate(settings(List.of(), "1 Main St\u0000")))
                .hasMessageContaining("postalAddress");
        assertThatThrownBy(() -> TenantSettingsValidator.validate(settings(List.of(), "x".repeat(501))))
                .hasMessageContaining("postalAddress");
    }

    private static TenantSettings settings(List<String> senderDomains, String postalAddress) {
        return new TenantSettings(List.of("locale"), List.of(), List.of(), "Acme", senderDomains, postalAddress);
    }
}
