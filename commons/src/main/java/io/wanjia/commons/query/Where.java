package io.wanjia.commons.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.TypedQuery;

/**
 * The JPQL condition of a list endpoint, built from the filters it was given: each filter that is present adds
 * {@code and <clause>} with its parameter, each absent one (null) adds nothing. The first condition, usually the caller's
 * area, is always there.
 *
 * <pre>{@code
 * Where where = Where.of("districtCode like :area", "area", scope.likePattern())
 *         .and("status = :status", "status", status)
 *         .and("householdId = :household", "household", householdId);
 * Offer.find(where + " order by createdAt desc", where.params());
 * }</pre>
 */
public final class Where {

    private final StringBuilder text;
    private final Map<String, Object> params = new LinkedHashMap<>();

    private Where(String clause) {
        this.text = new StringBuilder(clause);
    }

    /** The condition every row must meet, with its one parameter. */
    public static Where of(String clause, String name, Object value) {
        Where where = new Where(clause);
        where.params.put(name, value);
        return where;
    }

    /** Adds the clause with its parameter when the value is present. */
    public Where and(String clause, String name, Object value) {
        if (value != null) {
            text.append(" and ").append(clause);
            params.put(name, value);
        }
        return this;
    }

    /** Adds a clause without parameters, when there is one (null adds nothing). */
    public Where and(String clause) {
        if (clause != null) {
            text.append(" and ").append(clause);
        }
        return this;
    }

    public Map<String, Object> params() {
        return Collections.unmodifiableMap(params);
    }

    /** Binds the parameters to a query written with this condition. */
    public <T> TypedQuery<T> bind(TypedQuery<T> query) {
        params.forEach(query::setParameter);
        return query;
    }

    /** The condition's JPQL, to follow {@code where}. */
    @Override
    public String toString() {
        return text.toString();
    }
}
