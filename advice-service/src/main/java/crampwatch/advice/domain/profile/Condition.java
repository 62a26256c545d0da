package crampwatch.advice.domain.profile;

/** Health conditions associated with cramps that a profile may record (domain brief, "Who gets them"). */
public enum Condition {
    DIABETES, KIDNEY_DISEASE, DIALYSIS, LIVER_DISEASE, THYROID_DISEASE, HEART_DISEASE, HEART_FAILURE, HIGH_BLOOD_PRESSURE,
    PARKINSON_DISEASE, PERIPHERAL_NEUROPATHY, LUMBAR_CANAL_STENOSIS, OSTEOARTHRITIS, CANCER, ALCOHOL_USE_DISORDER,
    CELIAC_DISEASE, CHRONIC_DIARRHOEA, OTHER
}
