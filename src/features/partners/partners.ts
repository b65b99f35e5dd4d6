// Partner structures: the profile and service forms' rules and the coverage rule (which partners serve a
// commune). Pure: communes and EPCIs the rules need are passed in.
import { isPlausibleEmail, isValidSiret, normalizeEmail, normalizeSiret, slugify } from "../organisation/organisation.ts";
import { isCode, isTypology, PUBLICS, RECEPTION_MODES, THEMATIQUES } from "./partner-vocabulary.ts";

export interface Coverage {
  departement: boolean;
  communes: string[];
  epcis: string[];
}

/** Does the coverage include this commune (directly, through its EPCI, or as the whole département)? */
export function coversCommune(coverage: Coverage, commune: { code: string; epciCode: string | null }): boolean {
  return coverage.departement || coverage.communes.includes(commune.code) || (commune.epciCode !== null && coverage.epcis.includes(commune.epciCode));
}

export interface CommuneRef {
  code: string;
  name: string;
  epciCode: string | null;
}

export interface Territory {
  communes: CommuneRef[];
  epcis: { code: string; name: string }[];
}

/** A commune typed by a person: its INSEE code, or its name (accents and case do not matter). */
export function resolveCommune(territory: Territory, typed: string): CommuneRef | "unknown" | "ambiguous" {
  const text = typed.trim();
  const byCode = territory.communes.find((c) => c.code === text.toUpperCase());
  if (byCode) return byCode;
  const key = slugify(text);
  const named = territory.communes.filter((c) => slugify(c.name) === key);
  if (named.length === 1) return named[0]!;
  return named.length === 0 ? "unknown" : "ambiguous";
}

export interface ProfileForm {
  nom: string;
  typologie: string;
  siret: string;
  adresse: string;
  code_postal: string;
  commune: string;
  telephone: string;
  courriel: string;
  site_web: string;
  description: string;
  publics: string[];
  departement: boolean;
  epcis: string[];
  communes: string;
}

export const BLANK_PROFILE: ProfileForm = {
  nom: "", typologie: "", siret: "", adresse: "", code_postal: "", commune: "", telephone: "", courriel: "", site_web: "",
  description: "", publics: [], departement: false, epcis: [], communes: "",
};

export interface Profile {
  name: string;
  typology: string;
  siret: string | null;
  address: string | null;
  postcode: string | null;
  communeCode: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  description: string | null;
  publics: string[];
  coverage: Coverage;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

export function isWebsite(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** A French phone number as people type it: 10 digits starting with 0, or +33 and 9 digits. */
export function isPhone(value: string): boolean {
  const digits = value.replace(/[\s.-]/g, "");
  return /^0[1-9]\d{8}$/.test(digits) || /^\+33[1-9]\d{8}$/.test(digits) || /^3\d{3}$/.test(digits);
}

function communeList(territory: Territory, text: string, errors: Record<string, string>): string[] {
  const codes: string[] = [];
  const bad: string[] = [];
  for (const part of text.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const found = resolveCommune(territory, part);
    if (typeof found === "string") bad.push(part);
    else if (!codes.includes(found.code)) codes.push(found.code);
  }
  if (bad.length > 0) errors.communes = `Communes inconnues dans le département : ${bad.join(", ")}. Écrivez leur nom exact ou leur code INSEE.`;
  return codes;
}

export function checkProfile(form: ProfileForm, territory: Territory): Checked<Profile> {
  const errors: Record<string, string> = {};
  const name = form.nom.trim();
  if (name === "") errors.nom = "Indiquez le nom de la structure.";
  else if (name.length > 200) errors.nom = "Le nom doit faire 200 caractères au plus.";
  if (!isTypology(form.typologie)) errors.typologie = "Choisissez le type de structure.";
  const siret = normalizeSiret(form.siret);
  if (siret !== "" && !isValidSiret(siret)) errors.siret = "Le SIRET doit compter 14 chiffres valides, par exemple 534 880 521 00019.";
  const postcode = form.code_postal.trim();
  if (postcode !== "" && !/^\d{5}$/.test(postcode)) errors.code_postal = "Le code postal compte 5 chiffres, par exemple 47000.";
  let communeCode: string | null = null;
  if (form.commune.trim() !== "") {
    const found = resolveCommune(territory, form.commune);
    if (found === "unknown") errors.commune = "Cette commune n'est pas dans le département. Écrivez son nom exact ou son code INSEE.";
    else if (found === "ambiguous") errors.commune = "Plusieurs communes portent ce nom : écrivez le code INSEE.";
    else communeCode = found.code;
  }
  if (form.telephone.trim() !== "" && !isPhone(form.telephone)) errors.telephone = "Le numéro de téléphone doit compter 10 chiffres, par exemple 05 53 00 00 00.";
  const email = normalizeEmail(form.courriel);
  if (email !== "" && !isPlausibleEmail(email)) errors.courriel = "L'adresse e-mail doit ressembler à accueil@exemple.fr.";
  const website = form.site_web.trim();
  if (website !== "" && !isWebsite(website)) errors.site_web = "L'adresse du site doit commencer par https://.";
  if (form.description.length > 4000) errors.description = "La présentation doit faire 4 000 caractères au plus.";
  if (form.publics.some((p) => !isCode(PUBLICS, p))) errors.publics = "Choisissez les publics dans la liste.";
  const knownEpcis = new Set(territory.epcis.map((e) => e.code));
  if (form.epcis.some((e) => !knownEpcis.has(e))) errors.epcis = "Choisissez les intercommunalités dans la liste.";
  const communes = communeList(territory, form.communes, errors);
  if (!form.departement && form.epcis.length === 0 && communes.length === 0 && !errors.communes) {
    errors.couverture = "Indiquez la zone couverte : tout le département, des intercommunalités ou des communes.";
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      typology: form.typologie,
      siret: siret === "" ? null : siret,
      address: orNull(form.adresse),
      postcode: orNull(postcode),
      communeCode,
      phone: orNull(form.telephone),
      email: email === "" ? null : email,
      website: website === "" ? null : website,
      description: orNull(form.description),
      publics: form.publics,
      coverage: { departement: form.departement, epcis: form.epcis, communes },
    },
  };
}

export interface ServiceForm {
  nom: string;
  thematiques: string[];
  description: string;
  modes_accueil: string[];
  orientation: string;
  publics: string[];
}

export const BLANK_SERVICE: ServiceForm = { nom: "", thematiques: [], description: "", modes_accueil: [], orientation: "", publics: [] };

export interface Service {
  name: string;
  thematiques: string[];
  description: string | null;
  receptionModes: string[];
  howToRefer: string | null;
  publics: string[];
}

export function checkService(form: ServiceForm): Checked<Service> {
  const errors: Record<string, string> = {};
  const name = form.nom.trim();
  if (name === "") errors.nom = "Indiquez le nom du service.";
  else if (name.length > 200) errors.nom = "Le nom doit faire 200 caractères au plus.";
  if (form.thematiques.length === 0) errors.thematiques = "Choisissez au moins une thématique.";
  else if (form.thematiques.some((t) => !isCode(THEMATIQUES, t))) errors.thematiques = "Choisissez les thématiques dans la liste.";
  if (form.description.length > 4000) errors.description = "La description doit faire 4 000 caractères au plus.";
  if (form.modes_accueil.some((m) => !isCode(RECEPTION_MODES, m))) errors.modes_accueil = "Choisissez les modes d'accueil dans la liste.";
  if (form.orientation.length > 2000) errors.orientation = "Le texte doit faire 2 000 caractères au plus.";
  if (form.publics.some((p) => !isCode(PUBLICS, p))) errors.publics = "Choisissez les publics dans la liste.";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      thematiques: form.thematiques,
      description: orNull(form.description),
      receptionModes: form.modes_accueil,
      howToRefer: orNull(form.orientation),
      publics: form.publics,
    },
  };
}

type Body = Record<string, string | string[] | undefined>;

function one(body: Body, name: string): string {
  const v = body[name];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

function many(body: Body, name: string): string[] {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined || v === "" ? [] : [v]).map((s) => s.trim()).filter(Boolean);
}

export function readProfileForm(body: Body): ProfileForm {
  return {
    nom: one(body, "nom"), typologie: one(body, "typologie"), siret: one(body, "siret"), adresse: one(body, "adresse"),
    code_postal: one(body, "code_postal"), commune: one(body, "commune"), telephone: one(body, "telephone"), courriel: one(body, "courriel"),
    site_web: one(body, "site_web"), description: one(body, "description"), publics: many(body, "publics"),
    departement: one(body, "departement") === "oui", epcis: many(body, "epcis"), communes: one(body, "communes"),
  };
}

export function readServiceForm(body: Body): ServiceForm {
  return {
    nom: one(body, "nom"), thematiques: many(body, "thematiques"), description: one(body, "description"),
    modes_accueil: many(body, "modes_accueil"), orientation: one(body, "orientation"), publics: many(body, "publics"),
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");

/** Whether an import would leave this partner as it is (lists compared as sets: their order means nothing). */
export function sameProfile(a: Profile, b: Profile): boolean {
  const scalar = (["name", "typology", "siret", "address", "postcode", "communeCode", "phone", "email", "website", "description"] as const).every((k) => a[k] === b[k]);
  return (
    scalar &&
    sameSet(a.publics, b.publics) &&
    a.coverage.departement === b.coverage.departement &&
    sameSet(a.coverage.communes, b.coverage.communes) &&
    sameSet(a.coverage.epcis, b.coverage.epcis)
  );
}

export function sameService(a: Service, b: Service): boolean {
  return (
    a.name === b.name &&
    a.description === b.description &&
    a.howToRefer === b.howToRefer &&
    sameSet(a.thematiques, b.thematiques) &&
    sameSet(a.receptionModes, b.receptionModes) &&
    sameSet(a.publics, b.publics)
  );
}
