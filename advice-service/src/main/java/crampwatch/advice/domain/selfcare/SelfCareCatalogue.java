package crampwatch.advice.domain.selfcare;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every self-care text the product can show, written for CrampWatch from the facts in the domain brief.
 * Nothing here names or suggests any drug as a cramp treatment; the medicine review only ever says to
 * talk to a doctor and to keep taking prescribed medicines meanwhile.
 */
public final class SelfCareCatalogue {

    public static final String NOTICE = "This is general information, not a diagnosis. It does not replace your doctor or "
            + "emergency services. If you are worried, or your cramps change, ask a doctor, nurse or pharmacist.";

    /** Added to every stretch: it must never be pushed into pain. */
    static final String GENTLY = "Go gently, and stop if it hurts.";

    /**
     * The clot warning (seed 004 names deep vein thrombosis): shown first when recent cramps came with changes in
     * the leg, and to pregnant patients with calf cramps.
     */
    public static final SelfCareItem CLOT_WARNING = new SelfCareItem("clot-warning", "When to get help the same day",
            "If one leg is swollen, warm or painful to touch, get it checked today: it can be a blood clot. If you also "
                    + "feel short of breath or have chest pain, call your emergency number now.");
    public static final SelfCareItem DURING_A_CRAMP = new SelfCareItem("during-a-cramp", "When a cramp starts",
            "Keep the knee straight and bring your toes back towards you; a scarf or towel around the sole lets you pull "
                    + "them. " + GENTLY + " You can also stand and press the foot flat on the floor, walk a few steps, or "
                    + "rub the tight muscle.");
    public static final SelfCareItem WARMTH_AND_COLD = new SelfCareItem("warmth-and-cold", "Warmth or cold afterwards",
            "Once the muscle has relaxed, a warm bath or shower, a heat pad, or an ice pack wrapped in a cloth may ease any "
                    + "soreness left over.");
    /** WARMTH_AND_COLD for people who may not feel heat or cold properly (diabetes, nerve damage): a burn warning comes first. */
    public static final SelfCareItem WARMTH_AND_COLD_WITH_CARE = new SelfCareItem("warmth-and-cold", "Warmth or cold afterwards",
            "Take care with heat and cold: with diabetes or nerve damage you may not feel a burn. Test the water with your "
                    + "elbow, never sleep with a heat pad on, and wrap ice in a cloth. Check your skin afterwards.");
    public static final SelfCareItem CALF_STRETCH = new SelfCareItem("calf-stretch", "Stretch your calves every evening",
            "Face a wall with your hands on it, put one foot behind the other and keep that heel down while you lean in. "
                    + "Hold for about 30 seconds, then change legs. " + GENTLY + " In a study of older people, stretching "
                    + "like this before bed made night cramps less frequent and less painful.");
    public static final SelfCareItem LEG_STRETCHES = new SelfCareItem("leg-stretches", "Stretches for the shin and thigh",
            "For the shin, rise slowly onto your toes and come down again. For the back of the thigh, sit with one leg out "
                    + "straight and reach towards your foot for about 30 seconds. For the front of the thigh, hold a chair, "
                    + "bend one knee and bring the heel up behind you. " + GENTLY);
    public static final SelfCareItem FOOT_EXERCISES = new SelfCareItem("foot-exercises", "Foot exercises, three times a day",
            "Sitting with both feet on the floor, push up onto the balls of your feet, count to two and lower them. Then "
                    + "raise the front of your feet, count to two and lower them. Curl your toes under, then spread them; "
                    + "lift your big toe on its own. Do each one 5 times. " + GENTLY);
    public static final SelfCareItem HYDRATION = new SelfCareItem("hydration", "Drink enough through the day",
            "Being short of fluids may make cramps more likely. Aim for about 6 to 8 cups of water a day, more in hot "
                    + "weather or after exercise. Alcohol dries you out, so less of it may help.");
    public static final SelfCareItem FOOTWEAR = new SelfCareItem("footwear", "Shoes that support your feet",
            "Choose comfortable shoes that fit well and support the arch. High heels, pointed toes and flat, floppy shoes "
                    + "strain the small muscles of the foot. An arch-support insert can help.");
    public static final SelfCareItem SLEEP = new SelfCareItem("sleep", "Set up the night",
            "Keep bedclothes loose so they do not push your toes down. Stretch your calves gently before bed, and stop if "
                    + "it hurts. Keep a clear path so you can get up safely if a cramp wakes you.");
    public static final SelfCareItem DIET = new SelfCareItem("diet", "Food that supplies minerals",
            "Potassium comes from bananas, black beans and many fruits and vegetables. Magnesium comes from leafy greens, "
                    + "beans and nuts, and calcium from dairy or fortified foods. Talk to a doctor before taking any "
                    + "supplement. The evidence for magnesium is mixed. Vitamin D supplements did not help in studies of "
                    + "pregnant women and of women after the menopause.");
    /**
     * HYDRATION and DIET for people with kidney disease, on dialysis or with heart failure: drinking more or eating
     * more potassium can harm them, so neither is advised; the care team decides.
     */
    public static final SelfCareItem FLUIDS_AND_DIET_CARE_TEAM = new SelfCareItem("fluids-and-diet", "Fluids and food: ask your care team",
            "With your kidney or heart condition, how much you drink and how much potassium you eat may need limits. Do "
                    + "not drink more or change your diet because of cramps. Ask your care team what is right for you.");
    public static final SelfCareItem ACTIVITY = new SelfCareItem("activity", "Move, but pace yourself",
            "Get up and move now and then if you sit or stand still for long. If a workout brings cramps on, make it shorter "
                    + "or easier for a while. Smoking and drinking less may help too.");
    public static final SelfCareItem MEDICINE_REVIEW = new SelfCareItem("medicine-review", "Ask your doctor about your medicines",
            "Some medicines on your list can bring on cramps in some people. Mention the cramps to your doctor or "
                    + "pharmacist, who can check whether a change makes sense. Keep taking every prescribed medicine until "
                    + "they tell you otherwise: never stop one on your own.");
    public static final SelfCareItem PREGNANCY = new SelfCareItem("pregnancy", "Cramps in pregnancy",
            "Night cramps are common in pregnancy, most of all in the second and third trimesters. Gentle calf stretches, "
                    + "moving around and enough fluids may help; stop a stretch if it hurts. Ask your midwife or doctor "
                    + "before taking any supplement.");
    public static final SelfCareItem AGE_50_PLUS = new SelfCareItem("age-50-plus", "Cramps after 50",
            "Cramps become more common with age. Stretching every day may help: in a study of older people, nightly "
                    + "stretches made cramps less frequent and less painful. Go gently, and stop if it hurts. A check of your "
                    + "medicines and a blood test with your doctor can find other causes.");
    public static final SelfCareItem DIABETES = new SelfCareItem("diabetes", "Cramps and diabetes",
            "With diabetes, cramps can be linked to nerve or blood flow changes, body salts, or low blood sugar. Check your "
                    + "blood sugar if a cramp comes with sweating or shaking. Look after your feet every day, and tell your "
                    + "diabetes team about the cramps.");

    public static final List<SelfCareItem> ALL = List.of(DURING_A_CRAMP, WARMTH_AND_COLD, CALF_STRETCH, LEG_STRETCHES,
            FOOT_EXERCISES, HYDRATION, FOOTWEAR, SLEEP, DIET, ACTIVITY, MEDICINE_REVIEW, PREGNANCY, AGE_50_PLUS, DIABETES,
            FLUIDS_AND_DIET_CARE_TEAM, CLOT_WARNING);

    /** Every text this catalogue can show, the tailored variants included (for content checks). */
    public static final List<SelfCareItem> EVERY_VARIANT = java.util.stream.Stream.concat(ALL.stream(),
            java.util.stream.Stream.of(WARMTH_AND_COLD_WITH_CARE)).toList();

    public static final Map<String, SelfCareItem> BY_ID = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(SelfCareItem::id, Function.identity()));

    private SelfCareCatalogue() {
    }
}
