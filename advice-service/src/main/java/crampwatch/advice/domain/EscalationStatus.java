package crampwatch.advice.domain;

public enum EscalationStatus {
    OPEN, ACKNOWLEDGED, WITHDRAWN
}
