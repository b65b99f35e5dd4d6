// The result: what the person can already do, what to learn and at which level, workshops near their
// commune and remote, where to get individual help, a printable sheet, and, for an advisor, the way to
// attach the result to an activity report (with the person's consent).
import { Button, ErrorSummary, Notice, TextField } from "../../web/components.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { queryString } from "../../web/page.ts";
import { formatDistance } from "../places/search/search.ts";
import { formatWhen } from "../workshops/workshop-messages.ts";
import { READ_ALOUD_SCRIPT, SELF_DIAGNOSTIC_PATH, SELF_DIAGNOSTIC_TITLE } from "./question.views.tsx";
import type { ResultModel } from "./self-diagnostic.service.ts";
import { LEVEL_LABELS } from "./self-diagnostic.ts";
import type { NeedSuggestions, Suggested } from "./workshop-match.ts";
import { SUGGESTION_LIMITS } from "./workshop-match.ts";

export const RESULT_PATH = `${SELF_DIAGNOSTIC_PATH}/resultat`;
export const REPORT_PATH = `${SELF_DIAGNOSTIC_PATH}/compte-rendu`;

/** « 2222 2200 0122 »: easier to read out or copy than twelve digits in a row. */
export function spacedCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, "$1 ");
}

function WorkshopLine(props: { w: Suggested }): SafeHtml {
  const { w } = props;
  const where = w.isRemote ? "à distance, depuis chez vous" : [w.placeName, w.communeName].filter(Boolean).join(", ");
  return (
    <li>
      <a href={`/ateliers/${w.id}${queryString({ depuis: "autodiagnostic" })}`}>{w.title}</a>
      <br />
      {formatWhen(w.startsAt)} · {where}
      {w.distanceKm !== null ? ` (${formatDistance(w.distanceKm)})` : ""}
    </li>
  );
}

function AreaWorkshops(props: { s: NeedSuggestions; communeKnown: boolean; index: number }): SafeHtml {
  const { s, communeKnown } = props;
  const theme = s.need.area.themes[0] ?? "";
  return (
    <section class="selftest-area" aria-labelledby={`domaine-${props.index}`}>
      <h3 id={`domaine-${props.index}`}>
        {s.need.area.label} <span class="selftest-level">niveau {LEVEL_LABELS[s.need.level]}</span>
      </h3>
      {communeKnown ? (
        s.nearby.length > 0 ? (
          <>
            <p>Près de chez vous :</p>
            <ul class="selftest-workshops">
              {s.nearby.map((w) => (
                <WorkshopLine w={w} />
              ))}
            </ul>
          </>
        ) : (
          <p>Pas d'atelier de ce niveau à moins de {SUGGESTION_LIMITS.radiusKm} km pour le moment.</p>
        )
      ) : null}
      {s.remote.length > 0 ? (
        <>
          <p>À distance (« Les Jeudis de l'inclusion » et autres ateliers en visio) :</p>
          <ul class="selftest-workshops">
            {s.remote.map((w) => (
              <WorkshopLine w={w} />
            ))}
          </ul>
        </>
      ) : null}
      <p class="screen-only">
        <a href={`/ateliers${queryString({ theme })}`}>Tous les ateliers sur ce thème</a>
      </p>
    </section>
  );
}

function CommuneForm(props: { model: ResultModel }): SafeHtml {
  const { commune, communeText, code } = props.model;
  const error = commune.kind === "unclear" ? commune.error : undefined;
  const value = commune.kind === "found" ? commune.commune.name : communeText;
  return (
    <form method="get" action={RESULT_PATH} class="selftest-commune screen-only" novalidate>
      <input type="hidden" name="reponses" value={code} />
      <TextField
        name="commune"
        label="Votre commune ou votre code postal"
        hint="Pour voir les ateliers à moins de 25 km. Par exemple : Agen ou 47000"
        value={value}
        error={error}
        autocomplete="address-level2"
        width="medium"
      />
      {commune.kind === "unclear" && commune.matches.length > 0 ? (
        <ul class="selftest-communes">
          {commune.matches.map((c) => (
            <li>
              <a href={`${RESULT_PATH}${queryString({ reponses: code, insee: c.code })}#ateliers`}>
                {c.name} ({c.postcodes.join(", ")})
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <Button variant="secondary">Voir les ateliers près de chez moi</Button>
    </form>
  );
}

function ForAdvisors(props: { code: string; consentError: string | null }): SafeHtml {
  const error = props.consentError;
  return (
    <section aria-labelledby="conseiller" class="selftest-advisor screen-only">
      <h2 id="conseiller">Vous êtes conseiller ou conseillère numérique ?</h2>
      <p>
        Si vous faites le test avec la personne, vous pouvez noter ce résultat dans votre compte rendu d'activité : les thématiques à travailler
        seront cochées. Demandez-lui d'abord son accord.
      </p>
      <form method="get" action={REPORT_PATH} novalidate>
        <input type="hidden" name="reponses" value={props.code} />
        <div class={error ? "field field--error" : "field"}>
          {error ? (
            <p class="field-error" id="accord-erreur">
              <span class="visually-hidden">Erreur : </span>
              {error}
            </p>
          ) : null}
          <div class="choice">
            <input type="checkbox" id="accord" name="accord" value="1" aria-describedby={error ? "accord-erreur" : undefined} />
            <label for="accord">La personne accepte que ce résultat soit noté dans le compte rendu de son accompagnement.</label>
          </div>
        </div>
        <Button variant="secondary">Joindre au compte rendu</Button>
      </form>
    </section>
  );
}

export function ResultPage(props: { ctx: PageContext; model: ResultModel; consentError?: string | null }): SafeHtml {
  const { model } = props;
  const { diagnosis, commune, code } = model;
  const communeCode = commune.kind === "found" ? commune.commune.code : null;
  const consentError = props.consentError ?? null;
  return (
    <Layout ctx={props.ctx} title={`Mon résultat · ${SELF_DIAGNOSTIC_TITLE}`} scripts={[READ_ALOUD_SCRIPT]}>
      <p class="selftest-kicker">{SELF_DIAGNOSTIC_TITLE}</p>
      <h1>Votre résultat</h1>
      <ErrorSummary errors={consentError ? { accord: consentError } : {}} />
      <div data-read-aloud class="selftest-summary">
        <h2>Ce que vous savez déjà faire</h2>
        {diagnosis.canDo.length > 0 ? (
          <ul class="selftest-can-do">
            {diagnosis.canDo.map((c) => (
              <li>{c}</li>
            ))}
          </ul>
        ) : (
          <p>Vous débutez : c'est très bien de commencer ! Les ateliers pour débutants sont faits pour vous.</p>
        )}
        <h2>Ce que vous pouvez apprendre</h2>
        {diagnosis.needs.length > 0 ? (
          <ul>
            {diagnosis.needs.map((n) => (
              <li>
                {n.area.label} : niveau {LEVEL_LABELS[n.level]}
              </li>
            ))}
          </ul>
        ) : (
          <p>Vous êtes à l'aise dans tous les domaines. Les ateliers de niveau avancé peuvent vous intéresser.</p>
        )}
      </div>
      {model.suggestions.length > 0 ? (
        <section aria-labelledby="ateliers" class="selftest-suggestions">
          <h2 id="ateliers">Des ateliers pour vous</h2>
          <p>Gratuits, en petit groupe. L'inscription se fait sans compte.</p>
          <CommuneForm model={model} />
          {model.suggestions.map((s, i) => (
            <AreaWorkshops s={s} communeKnown={communeCode !== null} index={i + 1} />
          ))}
        </section>
      ) : null}
      <section aria-labelledby="aide" class="selftest-help">
        <h2 id="aide">Être aidé en personne</h2>
        <p>
          Un conseiller ou une conseillère numérique peut vous aider gratuitement, seul à seul.{" "}
          <a href={`/trouver-de-l-aide${queryString({ commune: communeCode })}`}>Trouver un lieu d'aide près de chez moi</a>
        </p>
      </section>
      <section aria-labelledby="garder" class="selftest-keep">
        <h2 id="garder">Garder ce résultat</h2>
        <p>
          Imprimez cette page ou montrez-la à un conseiller numérique. Votre code de résultat : <strong class="selftest-code">{spacedCode(code)}</strong>
        </p>
        <p class="print-only">Page imprimée depuis {SELF_DIAGNOSTIC_PATH} : le code ci-dessus permet de retrouver ce résultat.</p>
        <p class="screen-only" data-print-slot></p>
      </section>
      <ForAdvisors code={code} consentError={consentError} />
      <Notice>
        <p>Ce test ne garde pas vos réponses : elles sont seulement dans l'adresse de cette page.</p>
      </Notice>
      <p class="screen-only">
        <a href={SELF_DIAGNOSTIC_PATH}>Refaire le test</a>
      </p>
    </Layout>
  );
}
