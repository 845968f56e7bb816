package io.wanjia.household.rest;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.wanjia.household.IdentificationEntry.Method;
import io.wanjia.household.Objection;
import io.wanjia.household.domain.Reachability.Channel;

/** The bodies of the identification procedure (认定) and the contact log. Dates are business dates; absent means today. */
public final class IdentificationRequests {

    private IdentificationRequests() {
    }

    /** A household declares itself zero-employment at its community (申报). */
    public record Declaration(LocalDate declaredOn, @Size(max = 2000) String note) {
    }

    /** The community's verification (调查核实): how, when, whether the household's situation is as declared, and what was found. */
    public record Verification(@NotNull Boolean confirmed, @NotNull Method method, LocalDate on, @NotBlank @Size(max = 2000) String findings) {
    }

    /** The street office's review (审核); an approval sets the public posting's period (公示). */
    public record Review(@NotNull Boolean approved, LocalDate on, @Size(max = 2000) String note, LocalDate postingStartsOn,
            LocalDate postingEndsOn) {
    }

    /** An objection raised while the notice is posted: who objected and what they said. */
    public record NewObjection(LocalDate raisedOn, @NotBlank @Size(max = 200) String raisedBy, @NotBlank @Size(max = 2000) String what) {
    }

    /** How an objection was resolved. */
    public record Resolution(@NotNull Objection.Resolution resolution, LocalDate on, @NotBlank @Size(max = 2000) String note) {
    }

    /** The posting period is over. */
    public record PostingCompletion(LocalDate on) {
    }

    /** The district's decision (认定). */
    public record Confirmation(@NotNull Boolean confirmed, LocalDate on, @Size(max = 2000) String note) {
    }

    /** One attempt to reach a household (电话核实, 走访), of a member or of whoever answers. */
    public record NewContact(LocalDate on, @NotNull Channel channel, @NotNull Boolean reached, UUID memberId, @Size(max = 2000) String note) {
    }
}
