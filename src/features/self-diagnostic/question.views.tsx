// One question per screen: the question is the page's heading (in the legend of its fieldset), three large
// answers, and the answers so far in a hidden field. The read-aloud button is added by script.
import { Button, CsrfField, ErrorSummary } from "../../web/components.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { queryString } from "../../web/page.ts";
import { ANSWERS, type Answer, answersCode, QUESTION_COUNT, QUESTIONS } from "./self-diagnostic.ts";

export const SELF_DIAGNOSTIC_PATH = "/tester-mes-usages";
export const SELF_DIAGNOSTIC_TITLE = "Tester mes usages du numérique";
export const READ_ALOUD_SCRIPT = "/static/read-aloud.js";

export interface QuestionModel {
  answers: Answer[];
  error: string | null;
}

function Intro(): SafeHtml {
  return (
    <div class="selftest-intro">
      <p class="lead">
        {QUESTION_COUNT} questions simples pour savoir ce que vous savez déjà faire avec le numérique, et trouver un atelier à votre niveau près de
        chez vous. Il n'y a pas de bonne ou de mauvaise réponse.
      </p>
      <p>Cela prend environ 3 minutes. Vos réponses ne sont pas enregistrées et vous n'avez pas besoin de compte.</p>
    </div>
  );
}

export function QuestionPage(props: { ctx: PageContext; model: QuestionModel }): SafeHtml {
  const { answers, error } = props.model;
  const index = answers.length;
  const question = QUESTIONS[index];
  if (!question) throw new Error("no question after the last one");
  const number = index + 1;
  const last = number === QUESTION_COUNT;
  const errors: Record<string, string> = error ? { reponse: error } : {};
  return (
    <Layout ctx={props.ctx} title={`Question ${number} sur ${QUESTION_COUNT} · ${SELF_DIAGNOSTIC_TITLE}`} scripts={[READ_ALOUD_SCRIPT]}>
      <p class="selftest-kicker">
        {SELF_DIAGNOSTIC_TITLE} · <span class="selftest-step">Question {number} sur {QUESTION_COUNT}</span>
      </p>
      {index === 0 ? <Intro /> : null}
      <ErrorSummary errors={errors} />
      <form method="post" action={SELF_DIAGNOSTIC_PATH} class="selftest-form" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <input type="hidden" name="reponses" value={answersCode(answers)} />
        <fieldset id="reponse" class={error ? "selftest-question field--error" : "selftest-question"} aria-describedby={error ? "reponse-erreur" : undefined} data-read-aloud>
          <legend>
            <h1>{question.text}</h1>
          </legend>
          {error ? (
            <p class="field-error" id="reponse-erreur">
              <span class="visually-hidden">Erreur : </span>
              {error}
            </p>
          ) : null}
          {ANSWERS.map((a, i) => (
            <div class="selftest-answer">
              <input type="radio" id={`reponse-${i + 1}`} name="reponse" value={String(a.value)} />
              <label for={`reponse-${i + 1}`}>{a.label}</label>
            </div>
          ))}
        </fieldset>
        <Button>{last ? "Voir mon résultat" : "Question suivante"}</Button>
      </form>
      {index > 0 ? (
        <p class="selftest-back">
          <a href={`${SELF_DIAGNOSTIC_PATH}${queryString({ reponses: answersCode(answers.slice(0, -1)) })}`}>Revenir à la question précédente</a>
        </p>
      ) : null}
    </Layout>
  );
}
