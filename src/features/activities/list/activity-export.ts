// The CSV and XLSX files of a filtered set of reports, written as the keyset batches come: the whole
// set is never held in memory. Both files take their cells from nationalCells, so they hold the same.
// CSV for French spreadsheets: UTF-8 with a byte order mark (so Excel reads the accents) and « ; » as
// the separator (Excel in French uses the comma as the decimal mark and expects semicolons).
import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import { type Cell, EXPORT_HEADERS, type ExportReport, nationalCells } from "./national-export.ts";

export const CSV_SEPARATOR = ";";
const BOM = "\uFEFF";

/**
 * A CSV field: quoted when it holds the separator, a quote, a line break or edge spaces. Text that a
 * spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe, which spreadsheets hide.
 */
export function csvCell(value: Cell): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(CSV_SEPARATOR)}\r\n`;
}

export async function* csvLines(rows: AsyncIterable<ExportReport>): AsyncGenerator<string> {
  yield BOM + csvRow(EXPORT_HEADERS);
  for await (const row of rows) yield csvRow(nationalCells(row));
}

/** The XLSX file as a stream (exceljs streaming writer: rows are committed, and freed, one by one). */
export function xlsxStream(rows: AsyncIterable<ExportReport>, onError: (error: unknown) => void): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet("Comptes rendus", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = EXPORT_HEADERS.map((header) => ({ header, width: Math.min(40, Math.max(12, header.length + 2)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  (async () => {
    for await (const row of rows) {
      sheet.addRow(nationalCells(row)).commit();
      // A slow reader holds the writer back, so memory stays bounded; a gone one stops the export.
      if (out.writableNeedDrain) await drainedOrClosed(out);
      if (out.destroyed) return;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => {
    onError(error);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return out;
}

function drainedOrClosed(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}

/** "comptes-rendus-2026-03-01-au-2026-03-31.csv", or without dates when the set has none. */
export function exportFileName(from: string | null, to: string | null, extension: "csv" | "xlsx"): string {
  const period = from || to ? `-${from ?? "debut"}-au-${to ?? "aujourd-hui"}` : "";
  return `comptes-rendus${period}.${extension}`;
}
