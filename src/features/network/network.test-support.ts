// Shared steps of the network HTTP tests: reading the table rows of /reseau and inserting activity reports.
import type { TestApp } from "../../../test/support/app.ts";

export { postForm, signIn } from "../places/admin/place-admin.test-support.ts";

export function decodeHtml(text: string): string {
  return text
    .replace(/<[^>]+>/g, "")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}

export interface PageRow {
  id: string;
  name: string;
  cells: string[];
}

/** The advisor rows of /reseau in page order: id, name and the text of each cell. */
export function advisorRows(html: string): PageRow[] {
  return [...html.matchAll(/<tr data-conseiller="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => {
    const body = m[2] ?? "";
    const name = decodeHtml(/<th scope="row">([\s\S]*?)<\/th>/.exec(body)?.[1] ?? "");
    const cells = [...body.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => decodeHtml((c[1] ?? "").replace(/<\/li><li>/g, " ; ")));
    return { id: m[1] ?? "", name, cells };
  });
}

/** Column indexes of the cells (the name is the row header). */
export const CELL = { structure: 0, places: 1, hours: 2, training: 3, activity: 4, agenda: 5 } as const;

/** "7 h 30", "45 min", "0 h" back to minutes. */
export function minutesOfText(text: string): number {
  const hours = /(\d+)\sh(?:\s(\d+))?/.exec(text);
  if (hours) return Number(hours[1]) * 60 + Number(hours[2] ?? 0);
  return Number(/(\d+)\smin/.exec(text)?.[1] ?? Number.NaN);
}

/** A minimal collective report at a distance, dated `date`, by the advisor (deleted when asked). */
export async function insertReport(t: TestApp, advisor: { id: string; structure_id: string }, date: string, deleted = false): Promise<void> {
  await t.handle.db
    .insertInto("activity_reports")
    .values({
      advisor_id: advisor.id,
      structure_id: advisor.structure_id,
      type: "collectif",
      date,
      place_type: "a-distance",
      duration_minutes: 60,
      themes: ["reseaux-sociaux"],
      title: "Atelier réseaux sociaux",
      participants_total: 3,
      deleted_at: deleted ? new Date() : null,
    })
    .execute();
}
