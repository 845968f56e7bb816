package io.wanjia.household.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.cloudevents.EventContract;
import io.wanjia.contracts.Topics;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.commons.security.Roles;
import io.wanjia.household.rest.HouseholdViews.ReportReceipt;
import io.wanjia.household.service.LabourReportIntake;

/**
 * The HTTP door for other government systems: the same CloudEvent as on {@code labour.status-reports.v1},
 * in HTTP binary mode ({@code ce-id}, {@code ce-type}, {@code ce-source}, {@code ce-time},
 * {@code ce-specversion} headers, JSON body). Idempotent on {@code ce-id} across both doors.
 */
@Path("/api/v1/labour-reports")
@Tag(name = "Labour reports")
@SecurityRequirement(name = "SecurityScheme")
public class LabourReportResource {

    @Inject
    LabourReportIntake intake;
    @Inject
    AreaScope scope;
    @Inject
    ObjectMapper json;
    @Inject
    EventContract contract;

    @POST
    @RolesAllowed(Roles.PUBLISHER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a person out of work or in work (a CloudEvent in HTTP binary mode)")
    public Response report(@Context HttpHeaders headers, String body) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : new String[] {"id", "type", "source", "time", "specversion"}) {
            String value = headers.getHeaderString("ce-" + name);
            if (value != null) {
                attributes.put("ce_" + name, value);
            }
        }
        CloudEvent event = CloudEvent.read(attributes, null, body, json::readTree);
        contract.check(Topics.LABOUR_STATUS_REPORTS, event);
        String district = event.data().path("districtCode").asText("");
        if (!scope.covers(district)) {
            throw ProblemException.forbidden("districtCode", "in-your-area", "districtCode " + district + " is outside your area");
        }
        return Response.accepted(new ReportReceipt(event.id(), intake.receive(event))).build();
    }
}
