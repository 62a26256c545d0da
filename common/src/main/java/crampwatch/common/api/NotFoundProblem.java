package crampwatch.common.api;

import jakarta.ws.rs.NotFoundException;

/** 404 with a plain sentence naming what was not found (never whether another patient's record exists). */
public class NotFoundProblem extends NotFoundException {
    public NotFoundProblem(String what) {
        super("No " + what + " with this id.");
    }
}
