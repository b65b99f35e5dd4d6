// RFC 4180 CSV: comma separator, fields quoted with double quotes when they need it, CRLF line ends.
// The reader also accepts LF or CR line ends and a UTF-8 byte order mark, and keeps each record's line.

/** A field as RFC 4180 writes it: quoted (inner quotes doubled) only when it holds a separator, a quote, a line break or edge spaces. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

// Files people open in a spreadsheet (partners, network, coverage) must not carry formulas: a cell that
// starts with =, @, a tab or a carriage return, or with + or - followed by anything but a number or a
// phone number, is run by Excel and LibreOffice (CSV injection). Such text gets a leading apostrophe,
// which spreadsheets hide. Numbers and phone numbers (« +33 5 53 … », « -2,5 ») stay as they are, so the
// files still import elsewhere. The open-data export (the national standard, read by machines) stays raw.
const FORMULA_START = /^[=@\t\r]|^[+-](?![\d\s.,()]*$)/;

export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse, for files coming back from a spreadsheet: the apostrophe added by spreadsheetSafe is dropped. */
export function fromSpreadsheet(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** A CSV line for a file meant for spreadsheets: RFC 4180, with formula-like text defused. */
export function spreadsheetCsvLine(values: readonly string[]): string {
  return csvLine(values.map(spreadsheetSafe));
}

export interface CsvRecord {
  /** The line of the file where the record starts (1 for the first line). */
  line: number;
  fields: string[];
  /** A quoting problem that makes the record unreliable. */
  error?: string;
}

/** Every non-blank record of the text, in order. Never throws: quoting problems are attached to their record. */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let error: string | undefined;
    let field = "";
    let endOfRecord = false;
    while (!endOfRecord) {
      if (text[i] === '"') {
        const quoteLine = line;
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line++;
          field += c;
          i++;
        }
        if (!closed) error ??= `guillemet ouvert ligne ${quoteLine} et jamais refermé`;
        // After a closing quote, only a separator or a line end may follow.
        while (i < n && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
          error ??= "texte après un guillemet fermant : doublez les guillemets à l'intérieur d'un champ (\"\")";
          field += text[i];
          i++;
        }
      } else {
        while (i < n && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      field = "";
      if (i >= n) {
        endOfRecord = true;
      } else if (text[i] === ",") {
        i++;
      } else {
        i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
        line++;
        endOfRecord = true;
      }
    }
    const blank = fields.length === 1 && fields[0] === "" && !error;
    if (!blank) records.push(error ? { line: start, fields, error } : { line: start, fields });
  }
  return records;
}
