package io.wanjia.household.domain;

import java.time.DateTimeException;
import java.time.LocalDate;

import io.wanjia.commons.problem.Redaction;
import io.wanjia.contracts.Gender;

/**
 * 身份证号: an 18-character national ID (GB 11643): 6-digit division code, 8-digit birth date, 3-digit
 * sequence (odd = male), ISO 7064 MOD 11-2 check character. {@link #toString()} is masked, so an ID that
 * reaches a log by mistake shows only its issuing division.
 */
public final class NationalId {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private final String value;
    private final LocalDate birthDate;
    private final Gender gender;

    private NationalId(String value, LocalDate birthDate, Gender gender) {
        this.value = value;
        this.birthDate = birthDate;
        this.gender = gender;
    }

    /** Parses and checks an ID; the exception names the rule broken, never the number. */
    public static NationalId parse(String text) {
        if (text == null) {
            throw new InvalidNationalIdException("format", "is required");
        }
        String id = text.trim().toUpperCase();
        if (!id.matches("\\d{17}[\\dX]")) {
            throw new InvalidNationalIdException("format", "must be 17 digits and a check digit or X");
        }
        if (checkCharacter(id) != id.charAt(17)) {
            throw new InvalidNationalIdException("check-digit", "has a wrong check digit (ISO 7064 MOD 11-2)");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new InvalidNationalIdException("birth-date", "holds no valid birth date");
        }
        if (birth.getYear() < 1900) {
            throw new InvalidNationalIdException("birth-date", "holds no valid birth date");
        }
        Gender gender = (id.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
        return new NationalId(id, birth, gender);
    }

    /** The check character for the first 17 digits of {@code id}. */
    public static char checkCharacter(String id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** The full number: only for encryption and the keyed hash, never for display. */
    public String value() {
        return value;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    public Gender gender() {
        return gender;
    }

    /** The division code where the ID was issued (not necessarily where the person lives now). */
    public String issuingDivision() {
        return value.substring(0, 6);
    }

    /** The form every API shows, {@code 210102************} ({@link Redaction#maskNationalId} says why). */
    public String masked() {
        return Redaction.maskNationalId(value);
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NationalId id && id.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** An ID that breaks a rule; the message never contains the number. */
    public static final class InvalidNationalIdException extends RuntimeException {

        private final String rule;

        InvalidNationalIdException(String rule, String message) {
            super(message);
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }
}
