// Communes typed in the report form: the form shows « Agen (47001) » (a list to pick from as you type),
// and reads back that text, a bare INSEE code or an exact name. Anything else is passed through as
// typed, and checkActivityReport refuses it with its own message.
export interface CommuneName {
  code: string;
  name: string;
}

const CODE_IN_BRACKETS = /\((\d{5}|2[AB]\d{3})\)\s*$/i;
const BARE_CODE = /^(\d{5}|2[AB]\d{3})$/i;

function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s'’-]+/g, " ")
    .trim();
}

export function communeLabel(commune: CommuneName): string {
  return `${commune.name} (${commune.code})`;
}

export class CommuneIndex {
  private readonly byCode: Map<string, CommuneName>;
  private readonly byName = new Map<string, string | null>();

  constructor(readonly communes: readonly CommuneName[]) {
    this.byCode = new Map(communes.map((c) => [c.code, c]));
    for (const c of communes) {
      const key = fold(c.name);
      // Two communes with the same name: only the code tells them apart.
      this.byName.set(key, this.byName.has(key) ? null : c.code);
    }
  }

  /** The text the form shows for a stored code. */
  text(code: string | null | undefined): string {
    if (!code) return "";
    const commune = this.byCode.get(code);
    return commune ? communeLabel(commune) : code;
  }

  /** The INSEE code for what was typed, or the text itself when it names no single commune. */
  codeOf(typed: string): string {
    const text = typed.trim();
    if (text === "") return "";
    const code = CODE_IN_BRACKETS.exec(text)?.[1] ?? BARE_CODE.exec(text)?.[1];
    if (code) return code.toUpperCase();
    return this.byName.get(fold(text)) ?? text;
  }
}
