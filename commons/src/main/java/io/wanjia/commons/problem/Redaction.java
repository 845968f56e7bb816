package io.wanjia.commons.problem;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;

/** Masks anything shaped like a national ID (18 characters) in free text bound for a log or a header. */
public final class Redaction {

    private static final Pattern NATIONAL_ID = Pattern.compile("(?<!\\d)(\\d{6})\\d{8}(\\d{3}[\\dXx])(?![\\dXx])");

    private Redaction() {
    }

    /** {@code text} with every national-ID-shaped run masked as {@code 210102********1234}. */
    public static String mask(String text) {
        return text == null ? null : NATIONAL_ID.matcher(text).replaceAll("$1********$2");
    }

    /** The stack trace of {@code failure} (causes included) as text, masked: what a log may hold of it. */
    public static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return mask(text.toString());
    }
}
