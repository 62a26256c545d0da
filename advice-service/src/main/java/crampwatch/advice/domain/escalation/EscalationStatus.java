package crampwatch.advice.domain.escalation;

public enum EscalationStatus {
    OPEN, ACKNOWLEDGED, WITHDRAWN
}
