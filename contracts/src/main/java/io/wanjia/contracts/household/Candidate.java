package io.wanjia.contracts.household;

import java.util.List;
import java.util.UUID;

import io.wanjia.contracts.Gender;

/** A counted member of a zero-employment household who can be placed. */
public record Candidate(UUID memberId, int age, Gender gender, String education, List<String> skills) {
}
