// The key figures as large numbers, optionally compared with a previous period (the monthly report).
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import type { StatsTotals } from "../statistics.ts";
import { countOf, formatCount, formatHours, type Privacy } from "./stats-format.ts";

interface Figure {
  value: number;
  label: string;
  detail: string | null;
  hours?: boolean;
}

function figuresOf(t: StatsTotals, privacy: Privacy): Figure[] {
  return [
    {
      value: t.activities,
      label: "activités",
      detail: `${countOf(t.individualActivities, "accompagnement individuel", "accompagnements individuels", privacy, "aucun")}, ${countOf(t.collectiveActivities, "atelier", "ateliers", privacy, "aucun")}`,
    },
    { value: t.accompaniments, label: "accompagnements", detail: `dont ${countOf(t.workshopParticipants, "participation", "participations", privacy, "aucune")} à des ateliers` },
    {
      value: t.people,
      label: "personnes accompagnées",
      detail: `${countOf(t.newPeople, "nouvelle", "nouvelles", privacy, "aucune")}, ${countOf(t.followedPeople, "déjà suivie", "déjà suivies", privacy, "aucune")}, ${countOf(t.anonymousPeople, "anonyme", "anonymes", privacy, "aucune")}`,
    },
    { value: t.minutes, label: "d'accompagnement", detail: null, hours: true },
  ];
}

/** « +12 % par rapport à septembre 2026 », « stable », or « nouveau » when the previous figure was zero. */
export function changeText(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? "stable" : "en hausse (rien le mois précédent)";
  const change = Math.round(((current - previous) / previous) * 100);
  if (change === 0) return "stable";
  return change > 0 ? `+${change} %` : `${String(change).replace("-", "−")} %`;
}

export function KeyFigures(props: { totals: StatsTotals; privacy: Privacy; previous?: { totals: StatsTotals; label: string } }): SafeHtml {
  const { privacy, previous } = props;
  const before = previous ? figuresOf(previous.totals, privacy) : [];
  return (
    <ul class="cards cards--figures stats-figures">
      {figuresOf(props.totals, privacy).map((f, i) => {
        const old = before[i];
        return (
          <li class="card">
            <strong>{f.hours ? formatHours(f.value) : formatCount(f.value, privacy)}</strong> {f.label}
            {f.detail ? <span class="stats-figures__detail">{f.detail}</span> : null}
            {old && previous ? (
              <span class="stats-figures__change">
                {changeText(f.value, old.value)} par rapport à {previous.label} ({old.hours ? formatHours(old.value) : formatCount(old.value, privacy)})
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
