package io.wanjia.commons.rest;

import java.time.LocalDate;

/**
 * The bounds every input of every endpoint is held to, stated once: dates in bodies and query parameters
 * ({@link BoundedJson}, {@link BoundedParams}), any text in a body, list pages, and money. An input outside them
 * is answered 400 naming the field and the rule, before it can reach a query, a column or an event schema.
 * Fields may set narrower bounds of their own (Bean Validation on the request records).
 */
public final class InputBounds {

    /** The earliest date any input may carry (the oldest birth date a register holds). */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    /** The latest date any input may carry: a start, end or deadline within the programme's horizon. */
    public static final LocalDate LATEST_DATE = LocalDate.of(2100, 12, 31);
    /** The longest text any single field of a body may hold (names and notes have narrower {@code @Size}s). */
    public static final int MAX_TEXT_LENGTH = 10_000;
    /** The last page index a list accepts: with {@link #MAX_PAGE_SIZE} the offset stays far inside an int. */
    public static final int MAX_PAGE = 100_000;
    /** The most items one page holds. */
    public static final int MAX_PAGE_SIZE = 500;
    /** The highest monthly wage or income accepted, in yuan: far above any post of the programme. */
    public static final String MAX_MONTHLY_AMOUNT = "1000000";
    /** The widest "days left" filter: ten years either way. */
    public static final int MAX_DAYS = 3650;

    private InputBounds() {
    }

    /** Whether {@code date} lies within [{@link #EARLIEST_DATE}, {@link #LATEST_DATE}]. */
    public static boolean plausible(LocalDate date) {
        return !date.isBefore(EARLIEST_DATE) && !date.isAfter(LATEST_DATE);
    }

    /** The rule a date outside the window breaks, as a sentence's end. */
    public static String dateRule() {
        return "must be a date from " + EARLIEST_DATE + " to " + LATEST_DATE;
    }
}
