package io.wanjia.deadline.domain;

/**
 * One rung of a policy's ladder: on case day {@code day}, alert {@code recipientRole} of the area made of the
 * first {@code areaDigits} digits of the case's district (6 the district, 4 the city, 2 the province).
 */
public record LadderStep(int day, Level level, String recipientRole, int areaDigits) {

    public LadderStep {
        if (day < 1) {
            throw new IllegalArgumentException("a ladder step's day starts at 1");
        }
        if (areaDigits != 2 && areaDigits != 4 && areaDigits != 6) {
            throw new IllegalArgumentException("areaDigits must be 2, 4 or 6");
        }
    }

    /** The recipients' area for a case in {@code districtCode}. */
    public String areaOf(String districtCode) {
        return districtCode.substring(0, areaDigits);
    }
}
