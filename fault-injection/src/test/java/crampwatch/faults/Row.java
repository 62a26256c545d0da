package crampwatch.faults;

import java.util.ArrayList;
import java.util.List;

/** One scenario's line of the table, and the invariants it must satisfy. */
record Row(String scenario, int accepted, int shed, int wrong, int hangs, int lost, int escalationsExpected,
           int escalationsRaised, int escalationsDuplicated, int emailsExpected, int emailsDelivered,
           int emailsDuplicated, int resent, int resentUnexplained, boolean resendAllowed, int failed, int dlq, int outboxLeft, int pending, long recoverySeconds) {

    static final String HEADER = "| scenario | 201 | 503 | other 4xx/5xx, hangs | lost | escalations expected / raised / duplicated "
            + "| emails expected / delivered / duplicated / resent (same Message-ID) / FAILED | DLQ | outbox left | s to recover |\n"
            + "|---|---:|---:|---:|---:|---|---|---:|---:|---:|";

    String line() {
        return "| %s | %d | %d | %d, %d | %d | %d / %d / %d | %d / %d / %d / %d / %d | %d | %d | %s |".formatted(scenario, accepted,
                shed, wrong, hangs, lost, escalationsExpected, escalationsRaised, escalationsDuplicated, emailsExpected,
                emailsDelivered, emailsDuplicated, resent, failed, dlq, outboxLeft, recoverySeconds < 0 ? "not recovered" : recoverySeconds);
    }

    /** Everything is back: nothing lost, every demanded alert raised and mailed, queues empty. */
    boolean settled() {
        return lost == 0 && escalationsRaised == escalationsExpected && emailsDelivered == emailsExpected
                && outboxLeft == 0 && pending == 0;
    }

    /** The broken invariants, in words (empty when the row holds). */
    List<String> violations() {
        List<String> out = new ArrayList<>();
        if (accepted == 0) {
            out.add("no episode was accepted: the scenario proved nothing");
        }
        if (wrong > 0) {
            out.add(wrong + " answers other than 201/503");
        }
        if (hangs > 0) {
            out.add(hangs + " requests without an answer in " + Load.HANG.toSeconds() + " s");
        }
        if (lost > 0) {
            out.add(lost + " accepted episodes never evaluated");
        }
        if (escalationsRaised != escalationsExpected) {
            out.add("escalations raised " + escalationsRaised + " of " + escalationsExpected);
        }
        if (escalationsDuplicated > 0) {
            out.add(escalationsDuplicated + " duplicate or unexpected escalations");
        }
        if (emailsDelivered != emailsExpected) {
            out.add("emails delivered " + emailsDelivered + " of " + emailsExpected);
        }
        if (emailsDuplicated > 0) {
            out.add(emailsDuplicated + " duplicate or unexpected emails");
        }
        if (resentUnexplained > 0) {
            out.add(resentUnexplained + " emails sent again under the same Message-ID although the first attempt was not seen to fail");
        }
        if (resent > 0 && !resendAllowed) {
            out.add(resent + " emails sent again under the same Message-ID in a scenario that cut no SMTP conversation");
        }
        if (failed > 0) {
            out.add(failed + " deliveries FAILED");
        }
        if (dlq > 0) {
            out.add(dlq + " records dead-lettered");
        }
        if (outboxLeft > 0) {
            out.add(outboxLeft + " outbox rows left");
        }
        if (pending > 0) {
            out.add(pending + " deliveries still pending");
        }
        if (recoverySeconds < 0) {
            out.add("did not recover in time");
        }
        return out;
    }
}
