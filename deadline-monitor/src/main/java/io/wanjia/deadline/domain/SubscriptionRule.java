package io.wanjia.deadline.domain;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which fields a subscription of each kind takes. A WEBHOOK has a URL and the secret that signs its alerts; an EMAIL
 * has recipient addresses and nothing else; a WECOM robot its URL (the key is in it; WeCom robots do not sign); a
 * DINGTALK robot its URL and the 加签 secret its security setting shows (SEC…). A field another kind uses is refused
 * rather than ignored: an admin who pastes a secret into an e-mail subscription should learn it is not used.
 */
public final class SubscriptionRule {

    /** What is wrong with one field, in the words of a 400 problem. */
    public record Violation(String field, String rule, String description) {
    }

    /** Recipients of one e-mail subscription at most: a duty list, not a mailing list. */
    public static final int MAX_RECIPIENTS = 20;

    /**
     * An address mail servers accept as typed: a dot-atom local part, a domain of dotted labels ending in letters (an
     * internationalised domain in its xn-- form). No quoting, comments or display names: nothing that could carry a
     * line break into a header.
     */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})");
    private static final Pattern DINGTALK_SECRET = Pattern.compile("SEC[A-Za-z0-9]{16,197}");

    private SubscriptionRule() {
    }

    /** The first field of a subscription of {@code kind} that is missing, not for this kind, or malformed. */
    public static Optional<Violation> check(SubscriptionKind kind, String url, List<String> recipients, String secret) {
        boolean hasUrl = url != null && !url.isBlank();
        boolean hasSecret = secret != null && !secret.isBlank();
        boolean hasRecipients = recipients != null && !recipients.isEmpty();
        switch (kind) {
            case EMAIL -> {
                if (hasUrl) {
                    return notFor(kind, "url", "e-mail goes to recipients");
                }
                if (hasSecret) {
                    return notFor(kind, "secret", "e-mail is not signed");
                }
                if (!hasRecipients) {
                    return required("recipients", "an e-mail subscription names 1 to " + MAX_RECIPIENTS + " addresses");
                }
                if (recipients.size() > MAX_RECIPIENTS) {
                    return Optional.of(new Violation("recipients", "at-most-" + MAX_RECIPIENTS,
                            "an e-mail subscription names at most " + MAX_RECIPIENTS + " addresses (a group's list address serves more)"));
                }
                for (int i = 0; i < recipients.size(); i++) {
                    if (!isAddress(recipients.get(i))) {
                        return Optional.of(new Violation("recipients[" + i + "]", "email",
                                "must be an e-mail address such as duty@heping.shenyang.gov.cn"));
                    }
                }
                return Optional.empty();
            }
            case WEBHOOK, WECOM, DINGTALK -> {
                if (hasRecipients) {
                    return notFor(kind, "recipients", "recipients are for e-mail");
                }
                if (!hasUrl) {
                    return required("url", kind == SubscriptionKind.WEBHOOK ? "a webhook subscription names its URL"
                            : "a robot subscription names the robot's webhook URL, as its group settings show it");
                }
                if (kind == SubscriptionKind.WECOM) {
                    return hasSecret ? notFor(kind, "secret", "a WeCom robot does not sign; its key is in the URL") : Optional.empty();
                }
                if (!hasSecret) {
                    return required("secret", kind == SubscriptionKind.WEBHOOK ? "the secret signs every alert"
                            : "the robot's 加签 secret (SEC…): a DingTalk subscription needs the sign security setting");
                }
                if (kind == SubscriptionKind.DINGTALK && !DINGTALK_SECRET.matcher(secret).matches()) {
                    return Optional.of(new Violation("secret", "dingtalk-secret",
                            "must be the 加签 secret the robot's security settings show: SEC followed by letters and digits"));
                }
                return Optional.empty();
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    /** Whether {@code address} is one address this service sends to (at most 254 characters, 64 before the @). */
    public static boolean isAddress(String address) {
        return address != null && address.length() <= 254 && address.indexOf('@') <= 64 && ADDRESS.matcher(address).matches();
    }

    private static Optional<Violation> required(String field, String description) {
        return Optional.of(new Violation(field, "required", description));
    }

    private static Optional<Violation> notFor(SubscriptionKind kind, String field, String why) {
        return Optional.of(new Violation(field, "not-for-kind", field + " is not used by a " + kind + " subscription: " + why));
    }
}
