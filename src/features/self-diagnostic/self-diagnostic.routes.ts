// « Tester mes usages du numérique »: the questions (one per screen, the answers so far carried by the form),
// the result page (its address holds the answers), and the hand-over to an activity report. No account,
// no session: the only thing written is the day's counter, once, when the last answer is posted.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pageContext, queryString, sendHtml } from "../../web/page.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { QuestionPage, SELF_DIAGNOSTIC_PATH } from "./question.views.tsx";
import { REPORT_PATH, RESULT_PATH, ResultPage } from "./result.views.tsx";
import { communeFor, recordCompleted, resultFor, type SelfDiagnosticDeps } from "./self-diagnostic.service.ts";
import { type Answer, answersCode, isComplete, parseAnswers } from "./self-diagnostic.ts";

const CODE = Type.Optional(Type.String({ maxLength: 40 }));
const NO_STORE = "no-store";

export async function selfDiagnosticRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  const service: SelfDiagnosticDeps = { db: deps.db, now: deps.now, departement: deps.config.departement.code };
  const resultHref = (answers: Answer[]) => `${RESULT_PATH}${queryString({ reponses: answersCode(answers) })}`;

  app.get(SELF_DIAGNOSTIC_PATH, { schema: { hide: true, querystring: Type.Object({ reponses: CODE }) } }, async (request, reply) => {
    // A wrong code (edited by hand) starts again rather than guessing.
    const answers = parseAnswers((request.query as { reponses?: string }).reponses ?? "") ?? [];
    if (isComplete(answers)) return reply.redirect(resultHref(answers), 303);
    return sendHtml(reply.header("cache-control", NO_STORE), QuestionPage({ ctx: pageContext(request, reply), model: { answers, error: null } }));
  });

  app.post(SELF_DIAGNOSTIC_PATH, { schema: { hide: true, body: Type.Object({ reponses: CODE, reponse: Type.Optional(Type.String({ maxLength: 2 })) }) } }, async (request, reply) => {
    const body = request.body as { reponses?: string; reponse?: string };
    const answers = parseAnswers(body.reponses ?? "");
    if (answers === null) return reply.redirect(SELF_DIAGNOSTIC_PATH, 303);
    if (isComplete(answers)) return reply.redirect(resultHref(answers), 303);
    const given = parseAnswers(body.reponse ?? "");
    if (given === null || given.length !== 1) {
      const page = QuestionPage({ ctx: pageContext(request, reply), model: { answers, error: "Choisissez une réponse pour continuer." } });
      return sendHtml(reply, page, 400);
    }
    const next = [...answers, ...given];
    if (!isComplete(next)) return reply.redirect(`${SELF_DIAGNOSTIC_PATH}${queryString({ reponses: answersCode(next) })}`, 303);
    await recordCompleted(service);
    return reply.redirect(resultHref(next), 303);
  });

  const ResultQuery = Type.Object({ reponses: CODE, commune: Type.Optional(Type.String({ maxLength: 100 })), insee: Type.Optional(Type.String({ maxLength: 10 })) });

  app.get(RESULT_PATH, { schema: { hide: true, querystring: ResultQuery } }, async (request, reply) => {
    const q = request.query as { reponses?: string; commune?: string; insee?: string };
    const answers = parseAnswers(q.reponses ?? "");
    if (answers === null || !isComplete(answers)) return reply.redirect(`${SELF_DIAGNOSTIC_PATH}${queryString({ reponses: answers ? answersCode(answers) : null })}`, 303);
    const commune = await communeFor(service, q.commune ?? "", q.insee ?? "");
    const model = await resultFor(service, answersCode(answers), answers, commune, q.commune ?? "");
    const status = commune.kind === "unclear" ? 400 : 200;
    return sendHtml(reply.header("cache-control", NO_STORE), ResultPage({ ctx: pageContext(request, reply), model }), status);
  });

  app.get(REPORT_PATH, { schema: { hide: true, querystring: Type.Object({ reponses: CODE, accord: Type.Optional(Type.String({ maxLength: 2 })) }) } }, async (request, reply) => {
    const q = request.query as { reponses?: string; accord?: string };
    const answers = parseAnswers(q.reponses ?? "");
    if (answers === null || !isComplete(answers)) return reply.redirect(SELF_DIAGNOSTIC_PATH, 303);
    if (q.accord === "1") return reply.redirect(`/activites/nouveau${queryString({ autodiagnostic: answersCode(answers) })}`, 303);
    const model = await resultFor(service, answersCode(answers), answers, { kind: "none" }, "");
    const consentError = "Cochez cette case si la personne est d'accord : sans son accord, le résultat n'est pas noté.";
    return sendHtml(reply.header("cache-control", NO_STORE), ResultPage({ ctx: pageContext(request, reply), model, consentError }), 400);
  });
}
