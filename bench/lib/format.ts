// Printing helpers: markdown-like tables and number formats.
import { cpus, loadavg, totalmem } from "node:os";

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

export const seconds = (ms: number | null | undefined): string => (ms == null ? "–" : (ms / 1000).toFixed(2));
export const round = (n: number | null | undefined, digits = 0): string => (n == null ? "–" : n.toFixed(digits));

export interface MachineFacts {
  node: string;
  platform: string;
  cpuCount: number;
  cpuModel: string;
  memoryGb: number;
  /** 1-minute load average when the suite started: other work on the machine skews every figure. */
  loadAverageAtStart: number;
}

export function machineFacts(): MachineFacts {
  const list = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpuCount: list.length,
    cpuModel: list[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

export function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.message === "") {
    return error.errors.map(errorMessage).join("; ");
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
