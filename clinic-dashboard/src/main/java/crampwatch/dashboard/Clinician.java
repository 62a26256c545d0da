package crampwatch.dashboard;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who this request is for: the clinician's id (the token's {@code sub}), the bearer token the services get,
 * the credential the CSRF token is bound to, and whether it came from a proxy (no sign-out then).
 */
@RequestScoped
public class Clinician {
    private String id;
    private String token;
    private String credential;
    private boolean proxied;

    void set(String id, String token, String credential, boolean proxied) {
        this.id = id;
        this.token = token;
        this.credential = credential;
        this.proxied = proxied;
    }

    public boolean signedIn() {
        return token != null;
    }

    public String id() {
        return id;
    }

    /** The {@code Authorization} header value for the services. */
    public String bearer() {
        return "Bearer " + token;
    }

    public String credential() {
        return credential;
    }

    public boolean proxied() {
        return proxied;
    }
}
