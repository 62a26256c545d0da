package crampwatch.common.security;

import crampwatch.common.api.InvalidInputException;
import crampwatch.common.api.PatientIds;

import crampwatch.common.audit.AuditLog;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The one place that decides whether the caller may touch a patient's data: a clinician may act on
 * any patient (and every such access is audited), a patient only on their own id (the token's
 * {@code sub}). Anything else is a 403 that says nothing about the other patient.
 */
@RequestScoped
public class PatientAccess {

    @Inject
    JsonWebToken token;

    @Inject
    AuditLog audit;

    /** Allows or refuses the access; {@code action} is a short verb phrase for the audit log, e.g. "episode.create". */
    public void check(String patientId, String action) {
        requireWellFormed(patientId);
        if (isClinician()) {
            audit.record(caller(), patientId, action, "ALLOWED");
            return;
        }
        if (token.getGroups().contains(Roles.PATIENT) && patientId != null && patientId.equals(token.getSubject())) {
            return;
        }
        audit.record(caller(), patientId, action, "DENIED");
        throw new ForbiddenException();
    }

    /** For endpoints that are not about one patient (work lists, acknowledgements): clinicians only. */
    public void requireClinician(String action, String patientId) {
        if (patientId != null) {
            requireWellFormed(patientId);
        }
        if (!isClinician()) {
            throw new ForbiddenException();
        }
        audit.record(caller(), patientId, action, "ALLOWED");
    }

    /**
     * The one format check for a patient id, on every endpoint of every service (the event schemas use the same
     * pattern): checked before anything else, so a malformed id never reaches the audit log or a query.
     */
    private static void requireWellFormed(String patientId) {
        if (patientId == null || !PatientIds.REGEX.matcher(patientId).matches()) {
            throw new InvalidInputException("patientId", PatientIds.MESSAGE);
        }
    }

    public boolean isClinician() {
        return token.getGroups().contains(Roles.CLINICIAN);
    }

    /** Who is calling, as the token's subject. */
    public String caller() {
        return token.getSubject() == null ? "anonymous" : token.getSubject();
    }
}
