package crampwatch.notification.webhook.api;

import crampwatch.common.api.Cursors;
import crampwatch.common.api.InvalidInputException;
import crampwatch.common.api.Page;
import crampwatch.common.api.QueryParams;
import crampwatch.common.security.Roles;
import crampwatch.notification.webhook.persistence.WebhookDeliveryEntity;
import crampwatch.notification.webhook.service.WebhookSubscriptions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhook subscriptions of the calling integration (role {@code integration}; docs/webhooks.md, docs/security.md). Each
 * subscription belongs to the token's subject: another integration's is a 404.
 */
@Path("/webhooks/subscriptions")
@RolesAllowed(Roles.INTEGRATION)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks")
public class WebhookResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final Set<String> STATUSES = Set.of("PENDING", "SENDING", "SENT", "FAILED");

    @Inject
    WebhookSubscriptions subscriptions;

    @Inject
    JsonWebToken caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a receiver URL for event types (optionally some patients); the answer carries the signing secret once")
    public Response register(@NotNull(message = "a body is required") @Valid SubscriptionRequest body) {
        SubscriptionView view = SubscriptionView.of(subscriptions.register(owner(), body.url(), body.secret(), body.eventTypes(),
                body.patientIds()));
        return Response.created(URI.create("/webhooks/subscriptions/" + view.id())).entity(view).build();
    }

    @GET
    @Operation(summary = "The caller's subscriptions, oldest first")
    public Page<SubscriptionView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int n = QueryParams.wholeNumber("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        java.time.Instant afterCreated = null;
        UUID afterId = null;
        if (cursor != null) {
            List<String> parts = Cursors.decode(cursor, 2);
            afterCreated = Cursors.instant(parts.get(0));
            afterId = Cursors.uuid(parts.get(1));
        }
        List<SubscriptionView> page = subscriptions.page(owner(), afterCreated, afterId, n + 1).stream().map(SubscriptionView::of).toList();
        if (page.size() <= n) {
            return new Page<>(page, null);
        }
        SubscriptionView last = page.get(n - 1);
        return new Page<>(page.subList(0, n), Cursors.encode(last.createdAt().toString(), last.id().toString()));
    }

    @GET
    @Path("/{id}")
    public SubscriptionView get(@PathParam("id") String id) {
        return SubscriptionView.of(subscriptions.get(owner(), uuid(id)));
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Stop sending; events keep being queued and go out, in order, after resume")
    public SubscriptionView pause(@PathParam("id") String id) {
        return SubscriptionView.of(subscriptions.setStatus(owner(), uuid(id), false));
    }

    @POST
    @Path("/{id}/resume")
    public SubscriptionView resume(@PathParam("id") String id) {
        return SubscriptionView.of(subscriptions.setStatus(owner(), uuid(id), true));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete the subscription and its delivery log; nothing more is sent to it")
    public Response delete(@PathParam("id") String id) {
        subscriptions.delete(owner(), uuid(id));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/secret")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rotate the signing secret; the previous one also signs for crampwatch.webhooks.previous-secret-grace")
    public SubscriptionView rotate(@PathParam("id") String id, SecretRequest body) {
        return SubscriptionView.of(subscriptions.rotate(owner(), uuid(id), body == null ? null : body.secret()));
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The subscription's delivery log, newest first: status, attempts, last response code")
    public Page<WebhookDeliveryView> deliveries(@PathParam("id") String id, @QueryParam("status") String status,
                                                @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidInputException("status", "one of PENDING, SENDING, SENT, FAILED");
        }
        int n = QueryParams.wholeNumber("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        Long before = null;
        if (cursor != null) {
            try {
                before = Long.parseLong(Cursors.decode(cursor, 1).get(0));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("cursor", "not a cursor returned by this API");
            }
        }
        List<WebhookDeliveryEntity> rows = subscriptions.deliveries(owner(), uuid(id), status, before, n + 1);
        List<WebhookDeliveryView> page = rows.stream().limit(n).map(WebhookDeliveryView::of).toList();
        return new Page<>(page, rows.size() > n ? Cursors.encode(Long.toString(rows.get(n - 1).seq)) : null);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send a SENT or FAILED delivery again (the same event id; attempts start over)")
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        return Response.accepted(WebhookDeliveryView.of(subscriptions.redeliver(owner(), uuid(id), uuid(deliveryId)))).build();
    }

    private String owner() {
        return caller.getSubject();
    }

    /** A malformed id names nothing stored: 404, like an unknown one. */
    private static UUID uuid(String id) {
        try {
            UUID u = UUID.fromString(id);
            if (u.toString().equalsIgnoreCase(id)) {
                return u;
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw new crampwatch.common.api.NotFoundProblem("subscription or delivery");
    }
}
