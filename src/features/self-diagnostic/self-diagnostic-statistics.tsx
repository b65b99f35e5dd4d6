// The « Tester mes usages » section of the statistics dashboard: how many self-diagnostics were completed
// in the period and how many workshop registrations came from their results. Counts only (no answer is
// stored), for the network's readers (coordination, Préfecture, admins): the counts are département-wide.
import type { Db } from "../../db/schema.ts";
import { formatNumber } from "../../web/components.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import type { Viewer } from "../auth/viewer.ts";
import { type SelfDiagnosticFigures, selfDiagnosticFigures } from "./self-diagnostic.repository.ts";

export function SelfDiagnosticStatsSection(props: { figures: SelfDiagnosticFigures }): SafeHtml {
  const { taken, booked } = props.figures;
  return (
    <section aria-labelledby="autodiagnostics" class="stats-self-diagnostic">
      <h2 id="autodiagnostics">Autodiagnostics « Tester mes usages »</h2>
      <table class="stats-table">
        <caption>Sur la période, tout le département</caption>
        <tbody>
          <tr>
            <th scope="row">Autodiagnostics terminés</th>
            <td class="num">{formatNumber(taken)}</td>
          </tr>
          <tr>
            <th scope="row">Inscriptions à un atelier depuis un résultat</th>
            <td class="num">{formatNumber(booked)}</td>
          </tr>
        </tbody>
      </table>
      <p class="hint">Les réponses ne sont jamais enregistrées : seul le nombre de tests terminés chaque jour est compté.</p>
    </section>
  );
}

export async function selfDiagnosticStatsSections(db: Db, viewer: Viewer, filters: { from: string; to: string }): Promise<SafeHtml[]> {
  if (!viewer.roles.some((r) => r.role === "admin" || r.role === "coordinator" || r.role === "state_reader")) return [];
  return [SelfDiagnosticStatsSection({ figures: await selfDiagnosticFigures(db, filters.from, filters.to) })];
}
