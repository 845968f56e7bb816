package io.wanjia.contracts.household;

import java.util.UUID;

import io.wanjia.contracts.Gender;

/** A member as other services may see them: no name, no national ID. */
public record MemberSummary(UUID memberId, int age, Gender gender, String employmentStatus, boolean counted) {
}
