package io.herald.providers.smtp;

import io.herald.core.delivery.DeliveryException.Reason;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an SMTP server's negative reply means for Herald, by reply code and enhanced status code (RFC 5321 §4.2,
 * RFC 3463), never by its free text. The same code means different things at different steps of the dialogue,
 * so the step is part of the reading: a 550 to {@code RCPT TO} is a bad recipient, after the data it is a refused
 * message, and a 552 to {@code RCPT TO} is a temporary "too many recipients" (RFC 5321 §4.5.3.1.10).
 */
public final class SmtpReplies {

    /** The step of the dialogue that drew the reply. */
    public enum Step { CONNECT, AUTH, MAIL_FROM, RCPT_TO, DATA }

    private static final Pattern ENHANCED = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    private SmtpReplies() {
    }

    public static Reason reason(int code, String replyText, Step step) {
        if (code == 530 || code == 534 || code == 535 || code == 538 || step == Step.AUTH && code >= 500) {
            return Reason.AUTHENTICATION;
        }
        if (code >= 400 && code < 500) {
            return Reason.TRANSIENT;
        }
        Matcher enhanced = ENHANCED.matcher(replyText == null ? "" : replyText);
        if (enhanced.find() && enhanced.group(1).equals("5")) {
            Reason byStatus = byEnhancedStatus(Integer.parseInt(enhanced.group(2)), Integer.parseInt(enhanced.group(3)), step);
            if (byStatus != null) {
                return byStatus;
            }
        }
        return switch (code) {
            case 550, 551, 553 -> step == Step.RCPT_TO ? Reason.INVALID_RECIPIENT : Reason.REJECTED_CONTENT;
            case 552 -> step == Step.RCPT_TO ? Reason.TRANSIENT : Reason.REJECTED_CONTENT;
            // 554 and syntax or sequence errors (500-504, 555): a policy, the sender, or Herald; never the recipient.
            default -> code >= 500 && code < 600 ? Reason.REJECTED_CONTENT : Reason.TRANSIENT;
        };
    }

    /** RFC 3463: subject 1 addressing, 2 mailbox, 3 mail system, 4 network, 5 protocol, 6 content, 7 security. */
    private static Reason byEnhancedStatus(int subject, int detail, Step step) {
        return switch (subject) {
            // X.1.7 and X.1.8 are the sender's address; every other addressing status is the recipient's
            case 1 -> detail == 7 || detail == 8 ? Reason.REJECTED_CONTENT : Reason.INVALID_RECIPIENT;
            // X.2.3: message too long for the mailbox; other mailbox statuses (disabled, full for good) are the recipient's
            case 2 -> detail == 3 ? Reason.REJECTED_CONTENT : Reason.INVALID_RECIPIENT;
            case 3, 6 -> Reason.REJECTED_CONTENT;
            // X.7.8 authentication credentials invalid; other security statuses are policy refusals
            case 7 -> detail == 8 || detail == 0 && step == Step.AUTH ? Reason.AUTHENTICATION : Reason.REJECTED_CONTENT;
            default -> null;
        };
    }
}
