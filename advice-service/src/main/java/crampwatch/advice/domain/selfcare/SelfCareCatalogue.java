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

    public static final String NOTICE = "This advice is general information to help you look after yourself. It does not "
            + "replace a doctor, nurse or pharmacist who knows you: if you are worried, or your cramps change, ask one.";

    public static final SelfCareItem DURING_A_CRAMP = new SelfCareItem("during-a-cramp", "When a cramp starts",
            "Straighten the leg and draw your toes up towards your shin; looping a towel or belt around the foot and pulling "
                    + "gently makes this easier. Standing up with the foot flat and pressing it into the floor, taking a few "
                    + "steps, or rubbing the tight muscle also helps it let go.");
    public static final SelfCareItem WARMTH_AND_COLD = new SelfCareItem("warmth-and-cold", "Warmth or cold afterwards",
            "Once the muscle has relaxed, a warm bath or shower, a heat pad, or an ice pack wrapped in a cloth can ease the "
                    + "soreness that may linger for a day or two.");
    public static final SelfCareItem CALF_STRETCH = new SelfCareItem("calf-stretch", "Stretch your calves every evening",
            "Stand an arm's length from a wall, step one foot back and keep its heel on the floor while you lean forward "
                    + "until the calf pulls; hold for about 30 seconds and swap legs. Doing this during the day and again "
                    + "before bed makes night cramps less frequent and less painful for many people, older people included.");
    public static final SelfCareItem LEG_STRETCHES = new SelfCareItem("leg-stretches", "Stretches for the shin and thigh",
            "For the front of the lower leg, rise slowly onto your toes and lower again. For the back of the thigh, sit with "
                    + "one leg straight and reach towards the toes, holding for about 30 seconds. For the front of the thigh, "
                    + "hold a chair for balance, bend one knee and bring the heel towards your bottom.");
    public static final SelfCareItem FOOT_EXERCISES = new SelfCareItem("foot-exercises", "Foot exercises, three times a day",
            "With the feet flat, lift the heels and hold for 2 seconds, then lift the toes and hold for 2 seconds. Curl the "
                    + "toes down for 2 seconds, then pull them up for 2 seconds. Lift only the big toe for 2 seconds. Lean into "
                    + "a wall with one foot against it to stretch the sole. Do each movement 5 times, three times a day.");
    public static final SelfCareItem HYDRATION = new SelfCareItem("hydration", "Drink enough through the day",
            "Running low on fluids makes cramps more likely. Aim for roughly 6 to 8 cups of water a day, more in hot weather "
                    + "or after exercise, and less alcohol, which dries you out.");
    public static final SelfCareItem FOOTWEAR = new SelfCareItem("footwear", "Shoes that support your feet",
            "Choose comfortable shoes that fit well and support the arch. High heels, pointed toes and tight or flat, "
                    + "unsupportive shoes strain the small muscles of the foot; an arch-support insert can help.");
    public static final SelfCareItem SLEEP = new SelfCareItem("sleep", "Set up the night",
            "Keep bedclothes loose so they do not press your toes downwards, stretch your calves just before bed, and keep a "
                    + "clear path so you can stand and walk off a cramp safely if one wakes you.");
    public static final SelfCareItem DIET = new SelfCareItem("diet", "Food that supplies minerals",
            "Potassium comes from bananas, black beans and many other fruits and vegetables; magnesium from leafy greens, "
                    + "beans, lentils and nuts; calcium from dairy or fortified foods. Talk to a doctor before taking "
                    + "supplements: the evidence for magnesium is mixed, and vitamin D did not help in studies.");
    public static final SelfCareItem ACTIVITY = new SelfCareItem("activity", "Move, but pace yourself",
            "Get up and move regularly if you sit or stand still for long periods. If a particular workout brings cramps on, "
                    + "ease off its length or intensity for a while. Cutting down on smoking and alcohol helps too.");
    public static final SelfCareItem MEDICINE_REVIEW = new SelfCareItem("medicine-review", "Ask your doctor about your medicines",
            "Some medicines on your list are known to bring on cramps in some people. Mention the cramps to your doctor or "
                    + "pharmacist, who can check whether a change makes sense. Keep taking every prescribed medicine as "
                    + "prescribed until they tell you otherwise: never stop one on your own.");
    public static final SelfCareItem PREGNANCY = new SelfCareItem("pregnancy", "Cramps in pregnancy",
            "Night cramps are common in pregnancy, especially in the second half. Gentle calf stretches, regular movement and "
                    + "enough fluids usually help. Ask your midwife or doctor before taking any supplement.");
    public static final SelfCareItem AGE_50_PLUS = new SelfCareItem("age-50-plus", "Cramps after 50",
            "Cramps become more common with age. A daily stretching routine is the best-tested habit against them; a check "
                    + "of your medicines and a routine blood test with your doctor can find other causes.");
    public static final SelfCareItem DIABETES = new SelfCareItem("diabetes", "Cramps and diabetes",
            "With diabetes, cramps can be linked to nerve or circulation changes, shifts in body salts, or low blood sugar. "
                    + "Check your blood sugar if a cramp comes with sweating or shakiness, look after your feet every day, and "
                    + "tell your diabetes team that you have cramps.");

    public static final List<SelfCareItem> ALL = List.of(DURING_A_CRAMP, WARMTH_AND_COLD, CALF_STRETCH, LEG_STRETCHES,
            FOOT_EXERCISES, HYDRATION, FOOTWEAR, SLEEP, DIET, ACTIVITY, MEDICINE_REVIEW, PREGNANCY, AGE_50_PLUS, DIABETES);

    public static final Map<String, SelfCareItem> BY_ID = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(SelfCareItem::id, Function.identity()));

    private SelfCareCatalogue() {
    }
}
