// /connexion/second-facteur: enrol a TOTP application, or give its code (or a recovery code), after the e-mail link.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { pageContext, sendHtml } from "../../../web/page.ts";
import { type PendingSignIn, type SecondFactorDeps, secondFactorStep, submitSecondFactor } from "./second-factor.service.ts";
import { RecoveryCodesPage, SecondFactorPage } from "./second-factor.views.tsx";

/** Nothing to do here when fully signed in (go on) or not signed in at all (start again). */
function pendingOrRedirect(request: FastifyRequest, reply: FastifyReply): PendingSignIn | null {
  if (request.pendingSignIn) return request.pendingSignIn;
  reply.redirect(request.viewer ? "/espace" : "/connexion", 303);
  return null;
}

export async function secondFactorRoutes(app: FastifyInstance, deps: SecondFactorDeps) {
  app.get("/connexion/second-facteur", { schema: { hide: true } }, async (request, reply) => {
    const pending = pendingOrRedirect(request, reply);
    if (!pending) return reply;
    const step = await secondFactorStep(deps, pending);
    return sendHtml(reply, SecondFactorPage({ ctx: pageContext(request, reply), form: { step } }));
  });

  app.post(
    "/connexion/second-facteur",
    { schema: { hide: true, body: Type.Object({ code: Type.Optional(Type.String({ maxLength: 100 })) }) } },
    async (request, reply) => {
      const pending = pendingOrRedirect(request, reply);
      if (!pending) return reply;
      const result = await submitSecondFactor(deps, pending, (request.body as { code?: string }).code ?? "");
      if (result.kind === "enrolled") return sendHtml(reply, RecoveryCodesPage({ ctx: pageContext(request, reply), codes: result.recoveryCodes }));
      if (result.kind === "verified") return reply.redirect("/espace", 303);
      const step = await secondFactorStep(deps, pending);
      const ctx = pageContext(request, reply);
      if (result.kind === "locked") return sendHtml(reply, SecondFactorPage({ ctx, form: { step, lockedUntil: result.until } }), 429);
      const error =
        result.kind === "empty"
          ? "Saisissez le code à 6 chiffres affiché par votre application."
          : result.kind === "reused"
            ? "Ce code a déjà servi. Attendez que votre application affiche un nouveau code (moins de 30 secondes), puis saisissez-le."
            : `Ce code n'est pas valide. Vérifiez l'heure de votre téléphone et saisissez le code affiché maintenant (encore ${result.attemptsLeft} essai${result.attemptsLeft > 1 ? "s" : ""} avant un blocage de 15 minutes).`;
      return sendHtml(reply, SecondFactorPage({ ctx, form: { step, error } }), 400);
    },
  );
}
