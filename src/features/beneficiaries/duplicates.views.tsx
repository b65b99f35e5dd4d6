// Likely duplicates: the pairs to look at, and the side-by-side comparison where one decides which record stays.
import { Button, CsrfField } from "../../web/components.tsx";
import { BackLink, ChoiceGroup } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import type { BeneficiaryRow } from "./beneficiaries.table.ts";
import { fullName, ProfileFacts } from "./beneficiaries.views.tsx";
import type { DuplicatePair } from "./duplicates.ts";

export interface PairView {
  pair: DuplicatePair;
  a: { id: string; name: string };
  b: { id: string; name: string };
}

const SHARING = { phone: "même téléphone", birthYear: "même année de naissance" } as const;

export function DuplicatesPage(props: { ctx: PageContext; pairs: PairView[] }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Doublons probables">
      <BackLink href="/beneficiaires">Bénéficiaires</BackLink>
      <h1>Doublons probables</h1>
      <p>Ces fiches ont des noms très proches et le même téléphone ou la même année de naissance. Vérifiez avant de fusionner.</p>
      {props.pairs.length === 0 ? (
        <p>Aucun doublon probable parmi vos fiches.</p>
      ) : (
        <ul class="result-list">
          {props.pairs.map((p) => (
            <li>
              <a href={`/beneficiaires/doublons/fusion?a=${p.a.id}&b=${p.b.id}`}>
                {p.a.name} et {p.b.name}
              </a>
              <p class="meta">{p.pair.sharing.map((s) => SHARING[s]).join(", ")}</p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function MergePage(props: {
  ctx: PageContext;
  a: BeneficiaryRow;
  b: BeneficiaryRow;
  facts: { commune: string | null; ownerName: string; reports: number }[];
  error?: string;
}): SafeHtml {
  const rows = [props.a, props.b];
  return (
    <Layout ctx={props.ctx} title={`${props.error ? "Erreur : " : ""}Fusionner deux fiches`}>
      <BackLink href="/beneficiaires/doublons">Doublons probables</BackLink>
      <h1>Fusionner deux fiches</h1>
      <p>
        La fiche gardée reçoit tous les comptes rendus de l'autre, et ce qui lui manque (téléphone, adresse, année…). L'autre fiche est ensuite vidée. Cette
        action ne peut pas être annulée.
      </p>
      <div class="beneficiaries-compare">
        {rows.map((row, i) => (
          <section aria-labelledby={`fiche-${i + 1}`}>
            <h2 id={`fiche-${i + 1}`}>
              Fiche {i + 1} : {fullName(row)}
            </h2>
            <p>{props.facts[i]!.reports === 1 ? "1 compte rendu" : `${props.facts[i]!.reports} comptes rendus`}</p>
            <ProfileFacts row={row} commune={props.facts[i]!.commune} ownerName={props.facts[i]!.ownerName} />
          </section>
        ))}
      </div>
      <form method="post" action="/beneficiaires/doublons/fusion">
        <CsrfField token={props.ctx.csrfToken} />
        <input type="hidden" name="a" value={props.a.id} />
        <input type="hidden" name="b" value={props.b.id} />
        <ChoiceGroup
          name="keep"
          legend="Quelle fiche garder ?"
          type="radio"
          choices={rows.map((row, i) => ({ value: row.id, label: `Fiche ${i + 1} : ${fullName(row)}` }))}
          selected={[props.a.id]}
          error={props.error}
          required
        />
        <Button>Fusionner les deux fiches</Button>
      </form>
    </Layout>
  );
}
