package io.wanjia.household.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes valid national ID numbers for tests (check digit computed, birth date and gender as asked). */
public final class NationalIds {

    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 400));
    private static final java.util.Set<String> ISSUED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private NationalIds() {
    }

    /** A valid ID issued in {@code division} for someone born on {@code birth}, male or female. */
    public static String of(String division, LocalDate birth, boolean male) {
        int sequence = (SEQUENCE.getAndIncrement() % 499) * 2 + (male ? 1 : 0);
        String first17 = division + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence);
        String id = first17 + NationalId.checkCharacter(first17);
        ISSUED.add(id);
        return id;
    }

    /** Every ID this JVM made, to look for in logs and events. */
    public static java.util.Set<String> issued() {
        return java.util.Set.copyOf(ISSUED);
    }

    /** A valid ID from Heping district (210102). */
    public static String of(LocalDate birth, boolean male) {
        return of("210102", birth, male);
    }

    /** The same ID with a wrong check character. */
    public static String withWrongCheckDigit(String id) {
        char wrong = id.charAt(17) == '1' ? '2' : '1';
        return id.substring(0, 17) + wrong;
    }
}
