package crampwatch.notification.domain;

/**
 * How a clinician contact gets SEE_DOCTOR alerts: one email each as they are raised, or one email a day listing them
 * (the daily digest). URGENT alerts are always immediate.
 */
public enum SeeDoctorDelivery {
    IMMEDIATE,
    DAILY_DIGEST
}
