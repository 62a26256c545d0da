package crampwatch.advice.domain.selfcare;

import java.util.List;
import java.util.Locale;

/**
 * Medicines (and classes) associated with cramps in the domain brief, with common names they are
 * listed under, and some common brand names. A profile medicine matches when one of these names stands
 * in it as whole words (a plural "s" allowed): "Atorvastatin 20 mg" and "statins" match, "nystatin" does not.
 */
public final class CrampMedicines {

    static final List<String> NAMES = List.of(
            // diuretics ("water pills")
            "diuretic", "water pill", "furosemide", "bumetanide", "torasemide", "torsemide", "hydrochlorothiazide",
            "chlorthalidone", "indapamide", "bendroflumethiazide", "spironolactone",
            // statins
            "statin", "atorvastatin", "simvastatin", "rosuvastatin", "pravastatin", "lovastatin", "fluvastatin",
            // beta-agonists and other inhaled bronchodilators named in the brief
            "albuterol", "salbutamol", "ipratropium", "salmeterol", "formoterol", "terbutaline", "beta-agonist",
            // others
            "celecoxib", "clonazepam", "conjugated estrogen", "fluoxetine", "gabapentin", "naproxen", "pregabalin",
            "sertraline", "zolpidem",
            // common brand names of the above
            "lasix", "aldactone", "lipitor", "zocor", "crestor", "pravachol", "ventolin", "proventil", "atrovent",
            "serevent", "celebrex", "klonopin", "premarin", "prozac", "neurontin", "lyrica", "zoloft", "ambien");

    private static final List<java.util.regex.Pattern> PATTERNS = NAMES.stream()
            .map(n -> java.util.regex.Pattern.compile("(?<![a-z])" + java.util.regex.Pattern.quote(n) + "s?(?![a-z])"))
            .toList();

    private CrampMedicines() {
    }

    public static boolean isAssociated(String medicine) {
        String m = medicine.toLowerCase(Locale.ROOT);
        return PATTERNS.stream().anyMatch(p -> p.matcher(m).find());
    }
}
