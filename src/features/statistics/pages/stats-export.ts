// The statistics tables as files: one table as CSV (UTF-8 with a byte order mark, « ; » separator,
// decimal comma: what French spreadsheets expect) and every table as an XLSX workbook, one sheet each.
import ExcelJS from "exceljs";
import { csvRow } from "../../activities/list/activity-export.ts";
import type { CellValue, StatsTable } from "./stats-tables.ts";

const BOM = "\uFEFF";

const csvValue = (value: CellValue): string => (typeof value === "number" ? String(value).replace(".", ",") : value);

export function tableCsv(table: StatsTable): string {
  return BOM + csvRow(table.columns.map((c) => c.header)) + table.rows.map((row) => csvRow(row.map(csvValue))).join("");
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, " ").slice(0, 31).trim();
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 27)} (${i})`;
  taken.add(name.toLowerCase());
  return name;
}

export async function tablesXlsx(tables: StatsTable[], description: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = description;
  const taken = new Set<string>();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title, taken), { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = table.columns.map((c, i) => ({ header: c.header, width: i === 0 ? 42 : Math.max(12, c.header.length + 2) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    table.columns.forEach((c, i) => {
      if (c.kind === "hours" || c.kind === "share") sheet.getColumn(i + 1).numFmt = "0.0";
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** « statistiques-2026-10-01-au-2026-10-31-theme.csv ». */
export function statsFileName(from: string, to: string, suffix: string | null, extension: "csv" | "xlsx"): string {
  return `statistiques-${from}-au-${to}${suffix ? `-${suffix}` : ""}.${extension}`;
}
