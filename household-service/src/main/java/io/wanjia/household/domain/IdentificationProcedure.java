package io.wanjia.household.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * 认定: the procedure by which a household is declared zero-employment, as a state machine. A household found by
 * monitoring (the zero-employment rule) or declaring itself (申报) is verified by its community (调查核实: a visit
 * or a phone check), reviewed by the street office (审核), posted publicly so neighbours can object (公示), and
 * confirmed by the district labour office (认定), which enters it in the assistance ledger (台账). Rejection at any
 * step ends it with its reason; an identification overtaken by events (a member finds stable work meanwhile) ends
 * itself. Sources: 辽政发〔2006〕21号 and 劳社部发〔2007〕15号 (seed/), the steps and their order; the sub-deadlines of
 * each step are the district's policy (deadline-monitor).
 */
public final class IdentificationProcedure {

    private IdentificationProcedure() {
    }

    /** Where an identification came from. */
    public enum Source {
        /** The zero-employment rule found the household (监测). */
        MONITORING,
        /** The household declared itself at its community (申报). */
        DECLARATION
    }

    /** Where an identification stands. The first four are the steps that wait for someone; the last three are ends. */
    public enum Stage {
        VERIFY, REVIEW, POSTING, CONFIRM, CONFIRMED, REJECTED, ENDED;

        /** Whether the identification still waits for a step. */
        public boolean open() {
            return OPEN.contains(this);
        }
    }

    private static final Set<Stage> OPEN = EnumSet.of(Stage.VERIFY, Stage.REVIEW, Stage.POSTING, Stage.CONFIRM);

    /** What someone did, or what happened, to an identification. */
    public enum Action {
        /** The community's verification found the household's situation as the register says. */
        VERIFIED(Stage.VERIFY),
        /** ...or found it otherwise (someone works, the household is not where it says). */
        VERIFICATION_FAILED(Stage.VERIFY),
        /** The street office approved the verified identification: it goes on public posting. */
        REVIEW_APPROVED(Stage.REVIEW),
        /** ...or refused it. */
        REVIEW_REFUSED(Stage.REVIEW),
        /** Someone objected during posting: it waits for the objection's resolution. */
        OBJECTION_RAISED(Stage.POSTING),
        /** The objection was dismissed. */
        OBJECTION_DISMISSED(Stage.POSTING),
        /** The objection was upheld and the identification sent back to the street office for another review. */
        OBJECTION_UPHELD_SENT_BACK(Stage.POSTING),
        /** The objection was upheld and the identification rejected. */
        OBJECTION_UPHELD_REJECTED(Stage.POSTING),
        /** The posting period ended with no objection open: the district may confirm. */
        POSTING_COMPLETED(Stage.POSTING),
        /** The district confirmed: the household enters the ledger. */
        CONFIRMED(Stage.CONFIRM),
        /** ...or refused to. */
        CONFIRMATION_REFUSED(Stage.CONFIRM),
        /** The household stopped being zero-employment while the procedure ran. */
        OVERTAKEN(null);

        private final Stage at;

        Action(Stage at) {
            this.at = at;
        }

        /** The stage this action belongs to; {@code null}: any open stage. */
        public Stage at() {
            return at;
        }
    }

    /** Why an action cannot be taken now, in words for the caller. */
    public static final class NotNowException extends RuntimeException {
        public NotNowException(String message) {
            super(message);
        }
    }

    /**
     * The stage after {@code action} on an identification at {@code stage} with {@code openObjections} unresolved, or
     * {@link NotNowException} saying why the action does not belong there.
     */
    public static Stage next(Stage stage, Action action, int openObjections) {
        if (!stage.open()) {
            throw new NotNowException("the identification has ended (" + stage + ")");
        }
        if (action.at() != null && action.at() != stage) {
            throw new NotNowException(action + " belongs to the " + action.at() + " step; the identification is at " + stage);
        }
        return switch (action) {
            case VERIFIED -> Stage.REVIEW;
            case REVIEW_APPROVED -> Stage.POSTING;
            case OBJECTION_RAISED, OBJECTION_DISMISSED -> {
                if (action == Action.OBJECTION_DISMISSED && openObjections == 0) {
                    throw new NotNowException("no objection is open");
                }
                yield Stage.POSTING;
            }
            case OBJECTION_UPHELD_SENT_BACK -> {
                if (openObjections == 0) {
                    throw new NotNowException("no objection is open");
                }
                yield Stage.REVIEW;
            }
            case POSTING_COMPLETED -> {
                if (openObjections > 0) {
                    throw new NotNowException(openObjections + " objection(s) still open: resolve them first");
                }
                yield Stage.CONFIRM;
            }
            case CONFIRMED -> Stage.CONFIRMED;
            case VERIFICATION_FAILED, REVIEW_REFUSED, CONFIRMATION_REFUSED -> Stage.REJECTED;
            case OBJECTION_UPHELD_REJECTED -> {
                if (openObjections == 0) {
                    throw new NotNowException("no objection is open");
                }
                yield Stage.REJECTED;
            }
            case OVERTAKEN -> Stage.ENDED;
        };
    }
}
