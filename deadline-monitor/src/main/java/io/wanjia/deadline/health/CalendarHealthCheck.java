package io.wanjia.deadline.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.wanjia.deadline.domain.CalendarCoverage;
import io.wanjia.deadline.service.Policies;

/**
 * Shows in {@code /q/health/ready} which years the holiday calendar covers and whether a working-day deadline
 * opened today would run into a year whose notice is not loaded. It stays UP either way: a missing notice is a
 * data gap for an administrator to fill (and is alerted on through {@code wanjia_calendar_missing_years}), not a
 * reason to take the service out of rotation — cases keep opening, with the gap written on their timeline.
 */
@Readiness
@ApplicationScoped
public class CalendarHealthCheck implements HealthCheck {

    @Inject
    Policies policies;

    @Override
    @ActivateRequestContext
    public HealthCheckResponse call() {
        CalendarCoverage coverage = policies.coverage();
        return HealthCheckResponse.named("Working-day calendar").up()
                .withData("coveredYears", coverage.coveredYears().toString())
                .withData("neededThrough", coverage.neededThrough() == null ? "no working-day policy" : coverage.neededThrough().toString())
                .withData("missingYears", coverage.missingYears().toString())
                .withData("comingYearLoaded", coverage.comingYearLoaded())
                .withData("coverage", coverage.complete() ? "COMPLETE" : "MISSING_YEAR")
                .build();
    }
}
