// The official Table Schema of the national standard (lieux de médiation numérique), read once from
// fixtures/standards/, where it is kept under its own licence (Licence Ouverte), with the example file.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileStandard, type StandardValidator, type TableSchema } from "./standard-validation.ts";

const STANDARDS_DIR = fileURLToPath(new URL("../../../../fixtures/standards/", import.meta.url));

export const SCHEMA_PATH = `${STANDARDS_DIR}lieux-mediation-numerique.schema.json`;
export const EXAMPLE_CSV_PATH = `${STANDARDS_DIR}lieux-mediation-numerique.exemple-valide.csv`;

export const STANDARD_SCHEMA = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as TableSchema;

/** The standard's validator, compiled once. */
export const STANDARD: StandardValidator = compileStandard(STANDARD_SCHEMA);

/** The standard's columns, in its order. */
export const STANDARD_FIELDS: readonly string[] = STANDARD.fieldNames;
