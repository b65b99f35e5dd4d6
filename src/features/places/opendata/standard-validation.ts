// Checks rows against a Table Schema (frictionless), as the national standard publishes it:
// required fields, patterns (XSD-style, so implicitly anchored), multi-valued enumerations joined by "|",
// lengths, numbers and dates. Pure: the schema is given, reasons are in plain French.

export interface TableSchemaConstraints {
  required?: boolean;
  unique?: boolean;
  pattern?: string;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: string[];
}

export interface TableSchemaField {
  name: string;
  title?: string;
  type: string;
  format?: string;
  constraints?: TableSchemaConstraints;
}

export interface TableSchema {
  version?: string;
  fields: TableSchemaField[];
  primaryKey?: string;
}

/** One row as read from or written to the CSV: column name → text ("" when empty). */
export type StandardRow = Record<string, string>;

export interface RowIssue {
  field: string;
  message: string;
}

export interface StandardValidator {
  version: string;
  fieldNames: string[];
  requiredFields: string[];
  uniqueFields: string[];
  /** The allowed values of a field whose pattern is a "|"-joined enumeration, else null. */
  enumValues(field: string): ReadonlySet<string> | null;
  validateRow(row: StandardRow): RowIssue[];
}

// WGS84 ranges; the schema only says "number".
const RANGES: Record<string, [number, number]> = { latitude: [-90, 90], longitude: [-180, 180] };

// What a person should type, for patterns whose regex says little to them.
const FORMAT_HINTS: Record<string, string> = {
  pivot: "un SIRET (14 chiffres) ou un numéro RNA, sans espaces",
  code_postal: "5 chiffres",
  code_insee: "le code officiel de la commune, 5 caractères (ex. 47001)",
  telephone: "le format international sans espaces, par exemple +33553123456",
};

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ENUM_PATTERN = /^\(\?:\(\?:\^\|\\\|\)\((.*)\)\)\+\$$/s;

/** Splits the alternation "A|B\(c\)" at its top level and unescapes it: ["A", "B(c)"]. */
export function alternatives(source: string): string[] {
  const out: string[] = [];
  let current = "";
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\" && i + 1 < source.length) {
      current += source[i + 1];
      i++;
    } else if (c === "(") {
      depth++;
    } else if (c === ")") {
      depth--;
    } else if (c === "|" && depth === 0) {
      out.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  out.push(current);
  return out;
}

/** The values of a multi-valued enumeration pattern such as `(?:(?:^|\|)(A|B))+$`, else null. */
export function enumFromPattern(pattern: string): string[] | null {
  const match = ENUM_PATTERN.exec(pattern);
  return match ? alternatives(match[1]!) : null;
}

function quote(value: string): string {
  const short = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return `« ${short} »`;
}

function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

type Check = (value: string) => string | null;

function checksFor(field: TableSchemaField, enums: Map<string, ReadonlySet<string>>): Check[] {
  const c = field.constraints ?? {};
  const checks: Check[] = [];
  if (field.type === "number" || field.type === "integer") {
    const [min, max] = RANGES[field.name] ?? [c.minimum, c.maximum];
    checks.push((v) => {
      const whole = field.type === "integer" ? /^[-+]?\d+$/.test(v) : NUMBER.test(v);
      if (!whole) return `nombre attendu (avec un point décimal, par exemple 44.2031), ${quote(v)} reçu`;
      const n = Number(v);
      if ((min !== undefined && n < min) || (max !== undefined && n > max)) return `${v} est hors de l'intervalle ${min} à ${max}`;
      return null;
    });
  }
  if (field.type === "date") {
    checks.push((v) => (isRealDate(v) ? null : `date au format AAAA-MM-JJ attendue, ${quote(v)} reçu`));
  }
  if (c.maxLength !== undefined) {
    const max = c.maxLength;
    checks.push((v) => {
      const length = [...v].length;
      return length > max ? `${length} caractères, ${max} au maximum` : null;
    });
  }
  if (c.minLength !== undefined) {
    const min = c.minLength;
    checks.push((v) => ([...v].length < min ? `${min} caractères au minimum` : null));
  }
  const allowed = c.enum ? new Set(c.enum) : undefined;
  if (allowed) checks.push((v) => (allowed.has(v) ? null : `${quote(v)} n'est pas une valeur du standard`));
  if (c.pattern !== undefined) {
    const values = enumFromPattern(c.pattern);
    if (values) {
      const set = new Set(values);
      enums.set(field.name, set);
      checks.push((v) => {
        const parts = v.split("|");
        if (parts.some((p) => p === "")) return "valeur vide : séparez les valeurs par un seul « | », sans « | » au début ni à la fin";
        const unknown = parts.filter((p) => !set.has(p));
        if (unknown.length === 0) return null;
        return unknown.length === 1
          ? `${quote(unknown[0]!)} n'est pas une valeur du standard`
          : `${unknown.map(quote).join(", ")} ne sont pas des valeurs du standard`;
      });
    } else {
      const regex = new RegExp(`^(?:${c.pattern})$`, "u");
      const hint = FORMAT_HINTS[field.name];
      checks.push((v) => (regex.test(v) ? null : `format invalide (${quote(v)}) : ${hint ?? "ne respecte pas le format du standard"}`));
    }
  }
  return checks;
}

export function compileStandard(schema: TableSchema): StandardValidator {
  const enums = new Map<string, ReadonlySet<string>>();
  const compiled = schema.fields.map((field) => ({
    name: field.name,
    required: field.constraints?.required === true,
    checks: checksFor(field, enums),
  }));
  return {
    version: schema.version ?? "",
    fieldNames: schema.fields.map((f) => f.name),
    requiredFields: compiled.filter((f) => f.required).map((f) => f.name),
    uniqueFields: schema.fields.filter((f) => f.constraints?.unique || f.name === schema.primaryKey).map((f) => f.name),
    enumValues: (field) => enums.get(field) ?? null,
    validateRow(row) {
      const issues: RowIssue[] = [];
      for (const field of compiled) {
        const value = row[field.name] ?? "";
        if (value.trim() === "") {
          if (field.required) issues.push({ field: field.name, message: `${field.name} : champ obligatoire vide` });
          continue;
        }
        for (const check of field.checks) {
          const problem = check(value);
          if (problem) issues.push({ field: field.name, message: `${field.name} : ${problem}` });
        }
      }
      return issues;
    },
  };
}
