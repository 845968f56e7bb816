package io.wanjia.household.domain;

/** A member's relation to the head of the household. */
public enum Relation {
    HEAD, SPOUSE, CHILD, PARENT, SIBLING, GRANDCHILD, OTHER
}
