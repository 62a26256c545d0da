package crampwatch.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The dashboard's cookies: HttpOnly, SameSite=Strict, Secure unless configured off for plain-HTTP local runs. */
@ApplicationScoped
public class Cookies {
    static final String SESSION = "cw_session";

    @ConfigProperty(name = "crampwatch.dashboard.secure-cookie", defaultValue = "true")
    boolean secure;

    NewCookie make(String name, String value, String path, int maxAgeSeconds) {
        return new NewCookie.Builder(name).value(value).path(path).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAgeSeconds).build();
    }
}
