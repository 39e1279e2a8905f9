package io.herald.core.tracking;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;

/**
 * Tells machine opens and clicks from people's: a provider's own flag, a HEAD request, a known scanner or
 * prefetcher user agent. Every event keeps the verdict and the reason; only opens and clicks are ever machine.
 */
@ApplicationScoped
public class BotClassifier {

    private static final List<String> SCANNER_AGENTS = List.of("googleimageproxy", "barracuda", "mimecast", "proofpoint",
            "symantec", "messagelabs", "bot", "crawler", "spider", "python-requests", "curl/", "wget", "headlesschrome");

    public Classification classify(TrackedEvent event, MessageActivity activity) {
        if (event.type() != EventType.open && event.type() != EventType.click) {
            return Classification.human();
        }
        Evidence evidence = event.evidence();
        if (evidence.providerFlag() != null) {
            return Classification.machine("provider flag " + evidence.providerFlag());
        }
        if ("HEAD".equalsIgnoreCase(evidence.method())) {
            return Classification.machine("HEAD request");
        }
        String agent = evidence.userAgent() == null ? "" : evidence.userAgent().toLowerCase(Locale.ROOT);
        for (String scanner : SCANNER_AGENTS) {
            if (agent.contains(scanner)) {
                return Classification.machine("scanner user agent (" + scanner + ")");
            }
        }
        return Classification.human();
    }
}
