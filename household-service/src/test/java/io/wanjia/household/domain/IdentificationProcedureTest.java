package io.wanjia.household.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.wanjia.household.domain.IdentificationProcedure.Action;
import io.wanjia.household.domain.IdentificationProcedure.NotNowException;
import io.wanjia.household.domain.IdentificationProcedure.Stage;

/**
 * The identification procedure (认定), one row per move. The steps and their order: 劳社部发〔2007〕15号 (verify at the
 * community, review by the street office, public posting, confirmation by the district labour office) and
 * 辽政发〔2006〕21号 (the assistance ledger after confirmation).
 */
class IdentificationProcedureTest {

    @ParameterizedTest(name = "{0} + {1} with {2} open objection(s) -> {3}")
    @CsvSource({
            // 调查核实: the community's visit or phone check
            "VERIFY,  VERIFIED,                   0, REVIEW",
            "VERIFY,  VERIFICATION_FAILED,        0, REJECTED",
            // 审核: the street office
            "REVIEW,  REVIEW_APPROVED,            0, POSTING",
            "REVIEW,  REVIEW_REFUSED,             0, REJECTED",
            // 公示: neighbours may object while the notice is posted; an objection waits for its resolution
            "POSTING, OBJECTION_RAISED,           0, POSTING",
            "POSTING, OBJECTION_RAISED,           1, POSTING",
            "POSTING, OBJECTION_DISMISSED,        1, POSTING",
            "POSTING, OBJECTION_UPHELD_SENT_BACK, 1, REVIEW",
            "POSTING, OBJECTION_UPHELD_REJECTED,  2, REJECTED",
            "POSTING, POSTING_COMPLETED,          0, CONFIRM",
            // 认定: the district confirms (the household enters the ledger) or refuses
            "CONFIRM, CONFIRMED,                  0, CONFIRMED",
            "CONFIRM, CONFIRMATION_REFUSED,       0, REJECTED",
            // A member finds stable work meanwhile: the procedure ends itself at whatever step it is
            "VERIFY,  OVERTAKEN,                  0, ENDED",
            "POSTING, OVERTAKEN,                  1, ENDED",
            "CONFIRM, OVERTAKEN,                  0, ENDED"})
    void shouldMove(Stage stage, Action action, int openObjections, Stage next) {
        assertThat(IdentificationProcedure.next(stage, action, openObjections)).isEqualTo(next);
    }

    @ParameterizedTest(name = "{0} + {1} with {2} open objection(s) is refused: {3}")
    @CsvSource({
            // Steps in order: nobody reviews what was not verified, confirms what was not posted
            "VERIFY,  REVIEW_APPROVED,            0, 'REVIEW_APPROVED belongs to the REVIEW step; the identification is at VERIFY'",
            "REVIEW,  CONFIRMED,                  0, 'CONFIRMED belongs to the CONFIRM step; the identification is at REVIEW'",
            "CONFIRM, OBJECTION_RAISED,           0, 'OBJECTION_RAISED belongs to the POSTING step; the identification is at CONFIRM'",
            // The posting ends only with every objection resolved
            "POSTING, POSTING_COMPLETED,          1, '1 objection(s) still open: resolve them first'",
            "POSTING, OBJECTION_DISMISSED,        0, 'no objection is open'",
            "POSTING, OBJECTION_UPHELD_SENT_BACK, 0, 'no objection is open'",
            "POSTING, OBJECTION_UPHELD_REJECTED,  0, 'no objection is open'"})
    void shouldRefuseAMoveOutOfTurn(Stage stage, Action action, int openObjections, String why) {
        assertThatThrownBy(() -> IdentificationProcedure.next(stage, action, openObjections))
                .isInstanceOf(NotNowException.class).hasMessage(why);
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"CONFIRMED", "REJECTED", "ENDED"})
    void shouldTakeNothingOnceEnded(Stage ended) {
        assertThat(ended.open()).isFalse();
        for (Action action : Action.values()) {
            assertThatThrownBy(() -> IdentificationProcedure.next(ended, action, 0)).isInstanceOf(NotNowException.class)
                    .hasMessage("the identification has ended (" + ended + ")");
        }
    }
}
