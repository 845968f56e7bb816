package io.wanjia.placement.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.wanjia.commons.rest.InputBounds;
import io.wanjia.commons.rest.Page;
import io.wanjia.commons.security.Roles;
import io.wanjia.placement.Course;
import io.wanjia.placement.TrainingReferral;
import io.wanjia.placement.rest.TrainingRequests.Attendance;
import io.wanjia.placement.rest.TrainingRequests.Completion;
import io.wanjia.placement.rest.TrainingRequests.NewCourse;
import io.wanjia.placement.rest.TrainingRequests.NewReferral;
import io.wanjia.placement.rest.TrainingViews.CourseView;
import io.wanjia.placement.rest.TrainingViews.ReferralView;
import io.wanjia.placement.service.TrainingDesk;

/** Training courses (技能培训) and referrals of candidates to them, for placement officers of an area. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLACEMENT_OFFICER)
@Tag(name = "Training")
@SecurityRequirement(name = "SecurityScheme")
public class TrainingResource {

    @Inject
    TrainingDesk desk;

    @POST
    @Path("/courses")
    @Operation(summary = "Create a training course in a district of your area")
    public Response createCourse(@Valid @NotNull NewCourse request) {
        Course course = desk.create(request.toCourse());
        return Response.created(URI.create("/api/v1/courses/" + course.id)).entity(CourseView.of(course)).build();
    }

    @GET
    @Path("/courses")
    @Operation(summary = "Courses you may refer to: your area's and those of your city opened to it, latest start first")
    public Page<CourseView> courses(@QueryParam("skill") @Size(max = 40)
            @Pattern(regexp = "[^,\\p{Cntrl}]+", message = "must be one skill tag") String skill, @QueryParam("current") Boolean current,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(InputBounds.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(InputBounds.MAX_PAGE_SIZE) int size) {
        return new Page<>(desk.courses(skill, current, page, size).stream().map(CourseView::of).toList(), page, size,
                desk.countCourses(skill, current));
    }

    @GET
    @Path("/courses/{id}")
    public CourseView course(@PathParam("id") UUID id) {
        return CourseView.of(desk.course(id));
    }

    @POST
    @Path("/training-referrals")
    @Operation(summary = "Refer a candidate to a course that has not ended (published as training-referred)")
    public Response refer(@Valid @NotNull NewReferral request) {
        TrainingReferral referral = desk.refer(request.memberId(), request.courseId());
        return Response.created(URI.create("/api/v1/training-referrals/" + referral.id)).entity(ReferralView.of(referral)).build();
    }

    @GET
    @Path("/training-referrals")
    @Operation(summary = "Training referrals of your area, by course, member or status; latest first")
    public Page<ReferralView> referrals(@QueryParam("courseId") UUID courseId, @QueryParam("memberId") UUID memberId,
            @QueryParam("status") TrainingReferral.Status status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(InputBounds.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(InputBounds.MAX_PAGE_SIZE) int size) {
        return new Page<>(desk.referrals(courseId, memberId, status, page, size).stream().map(ReferralView::of).toList(), page, size,
                desk.countReferrals(courseId, memberId, status));
    }

    @GET
    @Path("/training-referrals/{id}")
    public ReferralView referral(@PathParam("id") UUID id) {
        return ReferralView.of(desk.referral(id));
    }

    @POST
    @Path("/training-referrals/{id}/attendance")
    @Operation(summary = "The member attends the course from a day (default today)")
    public ReferralView attend(@PathParam("id") UUID id, @Valid Attendance request) {
        return ReferralView.of(desk.attend(id, request == null ? null : request.on()));
    }

    @POST
    @Path("/training-referrals/{id}/completion")
    @Operation(summary = "The course completed (its skill joins the member's suggestions) or the member dropped out; published as training-completed")
    public ReferralView complete(@PathParam("id") UUID id, @Valid @NotNull Completion request) {
        return ReferralView.of(desk.end(id, request.outcome(), request.on()));
    }
}
