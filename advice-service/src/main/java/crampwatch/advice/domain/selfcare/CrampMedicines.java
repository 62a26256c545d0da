package crampwatch.advice.domain.selfcare;

import java.util.List;
import java.util.Locale;

/**
 * Medicines (and classes) associated with cramps in the domain brief, with common names they are
 * listed under. A profile medicine matches when its name contains one of these words.
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
            "sertraline", "zolpidem");

    private CrampMedicines() {
    }

    public static boolean isAssociated(String medicine) {
        String m = medicine.toLowerCase(Locale.ROOT);
        return NAMES.stream().anyMatch(m::contains);
    }
}
