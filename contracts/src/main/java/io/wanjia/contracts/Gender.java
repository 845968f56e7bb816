package io.wanjia.contracts;

/** A member's gender as the national ID records it (odd 17th digit = male). */
public enum Gender {
    MALE, FEMALE
}
