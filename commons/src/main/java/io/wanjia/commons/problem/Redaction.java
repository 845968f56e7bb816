package io.wanjia.commons.problem;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;

/**
 * The one masked form of a national ID, and the masking of anything shaped like one (18 characters) in free text
 * bound for a log or a header.
 *
 * <p>The mask keeps the six digits of the issuing division and hides the other twelve. The usual
 * {@code 210102********1234} hides exactly the birth date, which the register shows beside it (and which ages,
 * retirement dates and birthdays give away anyway); with the last four shown, the check character confirms the one
 * candidate left. Hiding the sequence number as well leaves about 500 numbers that fit everything a caller can see
 * (1,000 sequences, one parity for the gender, the check character following), so no answer rebuilds an ID.
 */
public final class Redaction {

    private static final Pattern NATIONAL_ID = Pattern.compile("(?<!\\d)(\\d{6})\\d{11}[\\dXx](?![\\dXx])");
    private static final String HIDDEN = "************";

    private Redaction() {
    }

    /** The masked form of an 18-character national ID: {@code 210102************}. */
    public static String maskNationalId(String nationalId) {
        return nationalId.substring(0, 6) + HIDDEN;
    }

    /** {@code text} with every national-ID-shaped run masked as {@code 210102************}. */
    public static String mask(String text) {
        return text == null ? null : NATIONAL_ID.matcher(text).replaceAll("$1" + HIDDEN);
    }

    /** The stack trace of {@code failure} (causes included) as text, masked: what a log may hold of it. */
    public static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return mask(text.toString());
    }
}
