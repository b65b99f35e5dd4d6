// /rendez-vous/gerer: the personal link of an appointment (confirmation, details, cancellation).
import type { FastifyInstance, FastifyReply } from "fastify";
import { pageContext, sendHtml } from "../../web/page.ts";
import type { BookingFeatureDeps } from "./booking.deps.ts";
import { asText } from "./booking-details.ts";
import { cancelByToken, findByToken, manageState } from "./booking-manage.service.ts";
import { ConfirmCancelPage, InvalidLinkPage, ManagePage, MovePage } from "./booking-manage.views.tsx";
import { moveByToken, moveChoices } from "./booking-move.service.ts";

/** Personal pages: never cached, never indexed. */
function privatePage(reply: FastifyReply): FastifyReply {
  return reply.header("cache-control", "no-store").header("x-robots-tag", "noindex");
}

export async function bookingManageRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  app.get("/rendez-vous/gerer", { schema: { hide: true } }, async (request, reply) => {
    privatePage(reply);
    const query = request.query as Record<string, unknown>;
    const token = asText(query.jeton);
    const appointment = await findByToken(deps, token);
    const ctx = pageContext(request, reply);
    if (appointment === null) return sendHtml(reply, InvalidLinkPage({ ctx }), 400);
    const state = manageState(appointment, deps.now());
    const notice =
      asText(query.annule) === "1" && state === "cancelled"
        ? "cancelled_now"
        : asText(query.nouveau) === "1" && state !== "cancelled"
          ? "booked"
          : asText(query.deplace) === "1" && state !== "cancelled"
            ? "moved"
            : null;
    return sendHtml(reply, ManagePage({ ctx, appointment, state, token, notice }));
  });

  // Cancelling asks first: the link shows the question, only its form's « oui » cancels.
  app.get("/rendez-vous/gerer/annuler", { schema: { hide: true } }, async (request, reply) => {
    privatePage(reply);
    const token = asText((request.query as Record<string, unknown>).jeton);
    const appointment = await findByToken(deps, token);
    const ctx = pageContext(request, reply);
    if (appointment === null) return sendHtml(reply, InvalidLinkPage({ ctx }), 400);
    const state = manageState(appointment, deps.now());
    if (state !== "cancellable") return reply.redirect(`/rendez-vous/gerer?jeton=${token}`, 303);
    return sendHtml(reply, ConfirmCancelPage({ ctx, appointment, token }));
  });

  app.post("/rendez-vous/gerer/annuler", { schema: { hide: true } }, async (request, reply) => {
    privatePage(reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = asText(body.jeton);
    if (asText(body.confirme) !== "oui") return reply.redirect(`/rendez-vous/gerer/annuler?jeton=${encodeURIComponent(token)}`, 303);
    const outcome = await cancelByToken(deps, token);
    const ctx = pageContext(request, reply);
    if (outcome.kind === "not_found") return sendHtml(reply, InvalidLinkPage({ ctx }), 400);
    if (outcome.kind === "cancelled") return reply.redirect(`/rendez-vous/gerer?jeton=${token}&annule=1`, 303);
    const notice = outcome.state === "cancelled" ? "already_cancelled" : outcome.state === "too_late" ? "too_late" : null;
    return sendHtml(reply, ManagePage({ ctx, appointment: outcome.appointment, state: outcome.state, token, notice }), 409);
  });

  app.get("/rendez-vous/gerer/deplacer", { schema: { hide: true } }, async (request, reply) => {
    privatePage(reply);
    const token = asText((request.query as Record<string, unknown>).jeton);
    const appointment = await findByToken(deps, token);
    const ctx = pageContext(request, reply);
    if (appointment === null) return sendHtml(reply, InvalidLinkPage({ ctx }), 400);
    if (manageState(appointment, deps.now()) !== "cancellable") return reply.redirect(`/rendez-vous/gerer?jeton=${token}`, 303);
    return sendHtml(reply, MovePage({ ctx, appointment, token, choices: await moveChoices(deps, appointment), error: null, gone: null }));
  });

  app.post("/rendez-vous/gerer/deplacer", { schema: { hide: true } }, async (request, reply) => {
    privatePage(reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = asText(body.jeton);
    const slotId = asText(body.creneau);
    const ctx = pageContext(request, reply);
    if (slotId === "") {
      const appointment = await findByToken(deps, token);
      if (appointment === null) return sendHtml(reply, InvalidLinkPage({ ctx }), 400);
      const choices = await moveChoices(deps, appointment);
      return sendHtml(reply, MovePage({ ctx, appointment, token, choices, error: "Choisissez le nouveau créneau.", gone: null }), 400);
    }
    const outcome = await moveByToken(deps, token, slotId);
    if (outcome.kind === "not_found") return sendHtml(reply, InvalidLinkPage({ ctx }), 400);
    if (outcome.kind === "moved") return reply.redirect(`/rendez-vous/gerer?jeton=${token}&deplace=1`, 303);
    const state = manageState(outcome.appointment, deps.now());
    if (outcome.kind === "refused") {
      const notice = state === "too_late" ? "too_late" : state === "cancelled" ? "already_cancelled" : null;
      return sendHtml(reply, ManagePage({ ctx, appointment: outcome.appointment, state, token, notice }), 409);
    }
    const choices = await moveChoices(deps, outcome.appointment);
    return sendHtml(reply, MovePage({ ctx, appointment: outcome.appointment, token, choices, error: null, gone: outcome.reason }), 409);
  });
}
