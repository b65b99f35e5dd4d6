// The data·inclusion schema (structures + services) as our partners read and write it: column lists, reading
// a CSV or JSON file into rows that keep their line, checking each row with French messages naming the
// column, and turning our partners back into rows. Pure: the territory and the known ids are passed in.

import { isPlausibleEmail, isValidSiret, normalizeEmail, normalizeSiret } from "../organisation/organisation.ts";
import { fromSpreadsheet, parseCsv } from "../places/opendata/csv.ts";
import { isCode, isThematique, isTypology, PUBLICS, RECEPTION_MODES } from "./partner-vocabulary.ts";
import { type Coverage, isWebsite, type Profile, resolveCommune, type Service, type Territory } from "./partners.ts";

export const STRUCTURE_FIELDS = [
  "id", "siret", "nom", "typologie", "adresse", "complement_adresse", "code_postal", "commune", "code_insee", "telephone", "courriel",
  "site_web", "presentation_resume", "presentation_detail", "source", "date_maj",
] as const;
export const SERVICE_FIELDS = [
  "id", "structure_id", "nom", "thematiques", "presentation_resume", "presentation_detail", "profils", "modes_accueil",
  "modes_orientation_accompagnateur_autres", "zone_diffusion_type", "zone_diffusion_code", "zone_diffusion_nom", "source", "date_maj",
] as const;
// As in data·inclusion's schema and in our own partner form, a structure may have no address (a partner known by
// its phone number): a file we exported from such a partner must import again.
const STRUCTURE_REQUIRED = ["id", "nom", "date_maj"];
const SERVICE_REQUIRED = ["id", "structure_id", "nom", "thematiques"];
const LISTS = new Set(["thematiques", "profils", "modes_accueil", "zone_diffusion_code"]);

export type Cell = string | string[];
export interface FileRow {
  /** The CSV line where the row starts, or the element's rank in a JSON array. */
  line: number;
  cells: Record<string, Cell>;
}
export interface ReadFile {
  rows: FileRow[];
  fileErrors: string[];
}

/** Reads a CSV (header line first, lists joined by « | ») or a JSON array of objects. */
export function readTable(text: string, fields: readonly string[], required: string[]): ReadFile {
  const trimmed = text.trim();
  if (trimmed === "") return { rows: [], fileErrors: [] };
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) return readJson(trimmed);
  const records = parseCsv(text);
  const header = (records[0]?.fields ?? []).map((h) => h.trim());
  const missing = required.filter((f) => !header.includes(f));
  const fileErrors = missing.length > 0 ? [`Colonnes obligatoires absentes : ${missing.join(", ")}.`] : [];
  const rows = records.slice(1).map((record) => {
    const cells: Record<string, Cell> = {};
    header.forEach((name, i) => {
      if (!fields.includes(name)) return;
      const raw = fromSpreadsheet((record.fields[i] ?? "").trim());
      cells[name] = LISTS.has(name) ? raw.split("|").map((v) => v.trim()).filter(Boolean) : raw;
    });
    if (record.error) cells._quote = record.error;
    return { line: record.line, cells };
  });
  return { rows, fileErrors };
}

function readJson(text: string): ReadFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { rows: [], fileErrors: ["Le JSON est mal formé : vérifiez les virgules, crochets et guillemets."] };
  }
  if (!Array.isArray(data)) return { rows: [], fileErrors: ["Le JSON doit être une liste d'objets, entre crochets [ ]."] };
  const rows = data.map((item, i) => {
    const cells: Record<string, Cell> = {};
    if (item && typeof item === "object" && !Array.isArray(item)) {
      for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
        if (Array.isArray(value)) cells[key] = value.map(String);
        else if (value !== null && value !== undefined) cells[key] = LISTS.has(key) ? [String(value)] : String(value).trim();
      }
    } else cells._object = "not an object";
    return { line: i + 1, cells };
  });
  return { rows, fileErrors: [] };
}

export function readStructures(text: string): ReadFile {
  return readTable(text, STRUCTURE_FIELDS, STRUCTURE_REQUIRED);
}

export function readServices(text: string): ReadFile {
  return readTable(text, SERVICE_FIELDS, SERVICE_REQUIRED);
}

export interface LineError {
  file: "structures" | "services";
  line: number;
  column: string;
  message: string;
}

const str = (cells: Record<string, Cell>, name: string): string => {
  const v = cells[name];
  return Array.isArray(v) ? v.join("|") : (v ?? "");
};
const list = (cells: Record<string, Cell>, name: string): string[] => {
  const v = cells[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};

function generalErrors(file: LineError["file"], row: FileRow): LineError[] {
  if (row.cells._object) return [{ file, line: row.line, column: "—", message: "Cet élément n'est pas un objet JSON." }];
  if (row.cells._quote) return [{ file, line: row.line, column: "—", message: `Guillemets incorrects : ${str(row.cells, "_quote")}.` }];
  return [];
}

export interface StructureRow {
  line: number;
  sourceId: string;
  profile: Omit<Profile, "coverage" | "publics">;
}

export function checkStructureRow(row: FileRow, territory: Territory): { value: StructureRow | null; errors: LineError[] } {
  const errors = generalErrors("structures", row);
  if (errors.length > 0) return { value: null, errors };
  const c = row.cells;
  const err = (column: string, message: string) => errors.push({ file: "structures", line: row.line, column, message });
  const id = str(c, "id");
  if (id === "") err("id", "L'identifiant est obligatoire.");
  else if (id.length > 200) err("id", "L'identifiant doit faire 200 caractères au plus.");
  const nom = str(c, "nom");
  if (nom === "") err("nom", "Le nom est obligatoire.");
  else if (nom.length > 200) err("nom", "Le nom doit faire 200 caractères au plus.");
  const siret = normalizeSiret(str(c, "siret"));
  if (siret !== "" && !isValidSiret(siret)) err("siret", `« ${siret} » n'est pas un SIRET valide (14 chiffres).`);
  const typologie = str(c, "typologie") || "Autre";
  if (!isTypology(typologie)) err("typologie", `« ${typologie} » n'est pas une typologie de structure data·inclusion.`);
  const adresse = str(c, "adresse");
  const postcode = str(c, "code_postal");
  if (postcode !== "" && !/^\d{5}$/.test(postcode)) err("code_postal", "Le code postal doit compter 5 chiffres.");
  const typed = str(c, "code_insee") || str(c, "commune");
  const commune = typed === "" ? null : resolveCommune(territory, typed);
  if (typeof commune === "string") err(str(c, "code_insee") ? "code_insee" : "commune", `« ${typed} » n'est pas une commune du département.`);
  const phone = str(c, "telephone");
  if (phone.length > 30) err("telephone", "Le téléphone doit faire 30 caractères au plus.");
  const email = normalizeEmail(str(c, "courriel"));
  if (email !== "" && !isPlausibleEmail(email)) err("courriel", `« ${email} » n'est pas une adresse e-mail valide.`);
  const site = str(c, "site_web");
  if (site !== "" && !isWebsite(site)) err("site_web", "Le site web doit commencer par https://.");
  const resume = str(c, "presentation_resume");
  if (resume.length > 280) err("presentation_resume", "Le résumé doit faire 280 caractères au plus.");
  const detail = str(c, "presentation_detail");
  if (detail.length > 4000) err("presentation_detail", "La présentation doit faire 4 000 caractères au plus.");
  if (!isIsoDate(str(c, "date_maj"))) err("date_maj", "La date de mise à jour doit s'écrire AAAA-MM-JJ.");
  if (errors.length > 0 || typeof commune === "string") return { value: null, errors };
  const complement = str(c, "complement_adresse");
  return {
    value: {
      line: row.line,
      sourceId: id,
      profile: {
        name: nom,
        typology: typologie,
        siret: siret === "" ? null : siret,
        address: adresse === "" ? (complement || null) : complement ? `${adresse}, ${complement}` : adresse,
        postcode: postcode || null,
        communeCode: commune?.code ?? null,
        phone: phone || null,
        email: email || null,
        website: site || null,
        description: detail || resume || null,
      },
    },
    errors: [],
  };
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export interface ServiceRow {
  line: number;
  sourceId: string;
  structureId: string;
  service: Service;
  coverage: Coverage;
}

/** The zone's codes, each typed by the declared type or, when it is empty, by its shape. */
function zoneOf(cells: Record<string, Cell>, territory: Territory & { departement: string }, err: (column: string, message: string) => void): Coverage {
  const type = str(cells, "zone_diffusion_type");
  const coverage: Coverage = { departement: false, communes: [], epcis: [] };
  if (type !== "" && !["commune", "epci", "departement"].includes(type)) {
    err("zone_diffusion_type", "Le type de zone doit être commune, epci ou departement.");
    return coverage;
  }
  const bad: string[] = [];
  for (const code of list(cells, "zone_diffusion_code")) {
    const asType = type || (code === territory.departement ? "departement" : /^\d{9}$/.test(code) ? "epci" : "commune");
    if (asType === "departement" && code === territory.departement) coverage.departement = true;
    else if (asType === "epci" && territory.epcis.some((e) => e.code === code)) coverage.epcis.push(code);
    else if (asType === "commune" && territory.communes.some((cm) => cm.code === code)) coverage.communes.push(code);
    else bad.push(code);
  }
  if (bad.length > 0) err("zone_diffusion_code", `Zone hors du département ou inconnue : ${bad.join(", ")}.`);
  return coverage;
}

/** `badStructures`: ids of the structures file's rows that have errors, with their line, to say so rather than « unknown ». */
export function checkServiceRow(
  row: FileRow,
  territory: Territory & { departement: string },
  knownStructures: Set<string>,
  badStructures: ReadonlyMap<string, number> = new Map(),
): { value: ServiceRow | null; errors: LineError[] } {
  const errors = generalErrors("services", row);
  if (errors.length > 0) return { value: null, errors };
  const c = row.cells;
  const err = (column: string, message: string) => errors.push({ file: "services", line: row.line, column, message });
  const id = str(c, "id");
  if (id === "") err("id", "L'identifiant est obligatoire.");
  else if (id.length > 200) err("id", "L'identifiant doit faire 200 caractères au plus.");
  const structureId = str(c, "structure_id");
  if (structureId === "") err("structure_id", "L'identifiant de la structure est obligatoire.");
  else if (badStructures.has(structureId) && !knownStructures.has(structureId)) {
    err("structure_id", `La structure « ${structureId} » a des erreurs ligne ${badStructures.get(structureId)} du fichier des structures : corrigez-la d'abord.`);
  } else if (!knownStructures.has(structureId)) err("structure_id", `Aucune structure « ${structureId} » dans le fichier des structures ni dans l'annuaire.`);
  const nom = str(c, "nom");
  if (nom === "") err("nom", "Le nom est obligatoire.");
  else if (nom.length > 200) err("nom", "Le nom doit faire 200 caractères au plus.");
  const thematiques = list(c, "thematiques");
  const unknownThemes = thematiques.filter((t) => !isThematique(t));
  if (thematiques.length === 0) err("thematiques", "Au moins une thématique est obligatoire.");
  else if (unknownThemes.length > 0) err("thematiques", `Thématiques inconnues de data·inclusion : ${unknownThemes.join(", ")}.`);
  const profils = list(c, "profils");
  const unknownPublics = profils.filter((p) => !isCode(PUBLICS, p));
  if (unknownPublics.length > 0) err("profils", `Publics inconnus : ${unknownPublics.join(", ")}.`);
  const modes = list(c, "modes_accueil");
  if (modes.some((m) => !isCode(RECEPTION_MODES, m))) err("modes_accueil", "Les modes d'accueil sont en-presentiel ou a-distance.");
  const detail = str(c, "presentation_detail");
  if (detail.length > 4000) err("presentation_detail", "La présentation doit faire 4 000 caractères au plus.");
  const orientation = str(c, "modes_orientation_accompagnateur_autres");
  if (orientation.length > 2000) err("modes_orientation_accompagnateur_autres", "Le texte doit faire 2 000 caractères au plus.");
  const coverage = zoneOf(c, territory, err);
  const date = str(c, "date_maj");
  if (date !== "" && !isIsoDate(date)) err("date_maj", "La date de mise à jour doit s'écrire AAAA-MM-JJ.");
  if (errors.length > 0) return { value: null, errors };
  return {
    value: {
      line: row.line,
      sourceId: id,
      structureId,
      coverage,
      service: {
        name: nom,
        // data·inclusion sub-thématiques are kept by family, the level our forms and filters use.
        thematiques: [...new Set(thematiques.map((t) => t.split("--")[0]!))],
        description: detail || str(c, "presentation_resume") || null,
        receptionModes: modes,
        howToRefer: orientation || null,
        publics: profils,
      },
    },
    errors: [],
  };
}

export interface ExportPartner {
  exportId: string;
  name: string;
  siret: string | null;
  typology: string;
  address: string | null;
  postcode: string | null;
  communeCode: string | null;
  communeName: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  description: string | null;
  updatedOn: string;
  coverage: Coverage;
  services: { exportId: string; name: string; thematiques: string[]; description: string | null; receptionModes: string[]; howToRefer: string | null; publics: string[]; updatedOn: string }[];
}

/** The zone columns: one area in the schema's terms, several joined by « | » with an empty type. */
export function zoneColumns(coverage: Coverage, departement: string): { type: string; codes: string[] } {
  if (coverage.departement) return { type: "departement", codes: [departement] };
  if (coverage.epcis.length === 0) return { type: "commune", codes: coverage.communes };
  if (coverage.communes.length === 0) return { type: "epci", codes: coverage.epcis };
  return { type: "", codes: [...coverage.epcis, ...coverage.communes] };
}

export function structureRecord(p: ExportPartner, source: string): Record<(typeof STRUCTURE_FIELDS)[number], string> {
  return {
    id: p.exportId, siret: p.siret ?? "", nom: p.name, typologie: p.typology, adresse: p.address ?? "", complement_adresse: "",
    code_postal: p.postcode ?? "", commune: p.communeName ?? "", code_insee: p.communeCode ?? "", telephone: p.phone ?? "",
    courriel: p.email ?? "", site_web: p.website ?? "", presentation_resume: summary(p.description), presentation_detail: p.description ?? "",
    source, date_maj: p.updatedOn,
  };
}

export function serviceRecords(p: ExportPartner, source: string, departement: string): Record<(typeof SERVICE_FIELDS)[number], string | string[]>[] {
  const zone = zoneColumns(p.coverage, departement);
  return p.services.map((s) => ({
    id: s.exportId, structure_id: p.exportId, nom: s.name, thematiques: s.thematiques, presentation_resume: summary(s.description),
    presentation_detail: s.description ?? "", profils: s.publics, modes_accueil: s.receptionModes,
    modes_orientation_accompagnateur_autres: s.howToRefer ?? "", zone_diffusion_type: zone.type, zone_diffusion_code: zone.codes,
    zone_diffusion_nom: "", source, date_maj: s.updatedOn,
  }));
}

function summary(text: string | null): string {
  if (!text) return "";
  return text.length <= 280 ? text : `${text.slice(0, 279)}…`;
}
