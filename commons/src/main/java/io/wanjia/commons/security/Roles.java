package io.wanjia.commons.security;

/** The roles of DESIGN.md, as they appear in the token's {@code groups} claim. */
public final class Roles {

    public static final String CASEWORKER = "caseworker";
    public static final String PLACEMENT_OFFICER = "placement-officer";
    public static final String SUPERVISOR = "supervisor";
    public static final String OFFICIAL = "official";
    public static final String PUBLISHER = "publisher";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
