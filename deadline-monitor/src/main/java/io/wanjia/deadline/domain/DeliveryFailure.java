package io.wanjia.deadline.domain;

/**
 * Why a delivery attempt failed, in the delivery log's fixed words. Nothing a subscriber sent — body, headers, a
 * malformed status line quoted by an exception — is ever written there: the log is read by administrators, and a
 * subscriber's text could carry anything (a phishing line, a stack trace of theirs, personal data).
 */
public enum DeliveryFailure {
    TIMEOUT("no answer within the timeout"),
    NOT_CONNECTED("could not connect"),
    TLS("the TLS handshake failed"),
    NOT_HTTP("the answer was not HTTP"),
    CLOSED("the connection closed without an answer"),
    NOT_A_ROBOT("the answer was not a robot's (no errcode)"),
    /** A robot relay (off the vendor's host) was let in because it resolved into the allowed networks; now it does not. */
    RELAY_OUTSIDE("the robot relay no longer resolves into the allowed networks"),
    OTHER("the delivery failed");

    private final String description;

    DeliveryFailure(String description) {
        this.description = description;
    }

    /** The log's words for this failure. */
    public String description() {
        return description;
    }

    /** The log's words for a subscriber that answered with a non-2xx status. */
    public static String ofStatus(int status) {
        return "answered HTTP " + status;
    }

    /** The log's words for a robot that answered {@code errcode} (a number, never its {@code errmsg}). */
    public static String ofErrcode(int errcode, boolean givenUp) {
        return "the robot answered errcode " + errcode + (givenUp ? " (not retried: the robot refuses this subscription)" : "");
    }

    /** The log's words for a mail server that answered {@code code} (never the text of its reply). */
    public static String ofSmtpReply(int code) {
        return "the mail server answered " + code + (code >= 500 ? " (not retried: a permanent refusal)" : "");
    }

    /** The log's words for a target refused at delivery (its host now resolves to a forbidden address). */
    public static String refused(WebhookTargetRule.Refusal refusal) {
        return "refused: " + refusal.description();
    }
}
