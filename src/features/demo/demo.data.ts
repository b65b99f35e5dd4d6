// The demo network as plain data: structures, accounts (with their roles) and places.
// Everything here is pure and deterministic: same input, same network. The loader (demo.seed.ts)
// resolves structure keys to ids and commune codes to coordinates, then writes the rows.
import { isLuhnValid, type Role, type StructureKind, slugify } from "../organisation/organisation.ts";

// ---------------------------------------------------------------------------------------------
// Determinism helpers

/** Small seeded PRNG (mulberry32): floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits: a stable seed from a text key. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function randomInt(rng: () => number, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function pick<T>(items: readonly T[], rng: () => number): T {
  return items[Math.floor(rng() * items.length)] as T;
}

// ---------------------------------------------------------------------------------------------
// Fictional but valid SIRET numbers


/** The digit that makes `body + digit` pass the Luhn check. */
export function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (isLuhnValid(`${body}${d}`)) return String(d);
  throw new Error(`no Luhn check digit for "${body}"`);
}

/**
 * A fictional SIRET derived from a key: a Luhn-valid SIREN (9 digits) then an establishment
 * number (NIC) whose last digit makes the 14 digits Luhn-valid. Never in La Poste's SIREN.
 */
export function fictionalSiret(key: string): string {
  const rng = mulberry32(hashString(`siret:${key}`));
  let body = String(randomInt(rng, 1, 9));
  while (body.length < 8) body += String(randomInt(rng, 0, 9));
  if (body.startsWith("35600000")) body = `9${body.slice(1)}`;
  const siren = body + luhnCheckDigit(body);
  const nic = `000${randomInt(rng, 1, 9)}`;
  return siren + nic + luhnCheckDigit(siren + nic);
}

// ---------------------------------------------------------------------------------------------
// French names, places and phone numbers

const FIRST_NAMES = [
  "Marie", "Julien", "Sophie", "Thomas", "Nathalie", "Nicolas", "Céline", "Mathieu", "Aurélie", "Sébastien",
  "Émilie", "Guillaume", "Laetitia", "Romain", "Sandrine", "Maxime", "Élodie", "Kévin", "Amandine", "Jérôme",
  "Camille", "Hugo", "Léa", "Antoine", "Chloé", "Yannick", "Fatima", "Karim", "Inès", "Mehdi",
  "Samira", "Youssef", "Joël", "Monique", "Bernard", "Pierre-Yves", "Anne-Laure", "Jean-Marc", "Margaux", "Lucas",
  "Manon", "Baptiste", "Océane", "Florian", "Pauline", "Rémi", "Agnès", "Thierry", "Valérie", "Hélène",
  "Benoît", "Coralie", "Damien", "Morgane", "Cédric", "Gaëlle", "Loïc", "Aïcha", "Nadia", "Stéphane",
  "Françoise", "Alain", "Sylvie", "Patrick", "Isabelle", "Christophe", "Marion", "Adrien", "Justine", "Mélanie",
] as const;

const LAST_NAMES = [
  "Lafon", "Laborde", "Castaing", "Dubos", "Lacoste", "Bordes", "Garrigues", "Dupuy", "Capdeville", "Larrieu",
  "Soubiran", "Faure", "Delmas", "Marty", "Rouquette", "Lagarde", "Bousquet", "Cazenave", "Ducasse", "Labat",
  "Sabathier", "Lalanne", "Dufau", "Pujol", "Sempé", "Bergès", "Lacombe", "Doumenc", "Tauzin", "Barrère",
  "Benali", "Nguyen", "Da Silva", "Moreau", "Haddad", "Ferreira", "Martin", "Bernard", "Petit", "Roux",
  "Fournier", "Girard", "Mercier", "Boyer", "Lefèvre", "Garcia", "Rodriguez", "Lopez", "Mendes", "Diallo",
  "Traoré", "Bertrand", "Vidal", "Cabrol", "Bonnet", "Gauthier", "Peyrat", "Massip", "Fabre", "Couderc",
  "Tessier", "Rigal", "Delpech", "Escande", "Mazet", "Laffargue", "Castéra", "Bonnefoy", "Khelifi", "Ribeiro",
  "Carrère", "Lespinasse", "Mouret", "Naudin", "Pradère", "Salles", "Teyssier", "Vignes", "Arnaud", "Ouvrard",
] as const;

export interface PersonName {
  firstName: string;
  lastName: string;
}

/** `count` people with distinct last names (so distinct e-mails), same seed → same people. */
export function generateNames(count: number, seed: number): PersonName[] {
  if (count > LAST_NAMES.length) throw new Error(`at most ${LAST_NAMES.length} demo names`);
  const rng = mulberry32(seed);
  const lastNames = shuffled(LAST_NAMES, rng);
  const firstNames = shuffled(FIRST_NAMES, rng);
  return lastNames.slice(0, count).map((lastName, i) => ({ firstName: firstNames[i % firstNames.length] as string, lastName }));
}

/** "Jean-Marc", "Da Silva" → "jean-marc.da-silva". */
export function emailLocalPart(name: PersonName): string {
  return `${slugify(name.firstName)}.${slugify(name.lastName)}`;
}

/** Mobile number in French display format: "06 12 34 56 78". */
export function mobilePhone(key: string): string {
  const rng = mulberry32(hashString(`mobile:${key}`));
  const pairs = Array.from({ length: 4 }, () => String(randomInt(rng, 0, 99)).padStart(2, "0"));
  return `0${randomInt(rng, 6, 7)} ${pairs.join(" ")}`;
}

/** Landline in French display format; `prefix` is the first two pairs, e.g. "05 53". */
export function landlinePhone(key: string, prefix: string): string {
  const rng = mulberry32(hashString(`landline:${key}`));
  const pairs = Array.from({ length: 3 }, () => String(randomInt(rng, 0, 99)).padStart(2, "0"));
  return `${prefix} ${pairs.join(" ")}`;
}

const STREETS = [
  "rue de la République", "avenue du Général-de-Gaulle", "rue Victor-Hugo", "boulevard de la Liberté",
  "rue Jean-Jaurès", "place du Marché", "rue des Écoles", "avenue de la Gare", "rue Gambetta",
  "rue du 14-Juillet", "allée des Tilleuls", "rue Pasteur", "cours Victor-Hugo", "rue des Lilas",
  "avenue Jean-Moulin", "rue du Moulin", "place de la Libération", "rue Carnot",
] as const;

/** Plausible, fictional street address; town halls sit on their square. */
export function fictionalAddress(key: string, typologie: readonly string[]): string {
  const rng = mulberry32(hashString(`address:${key}`));
  if (typologie.includes("MUNI")) return pick(["Place de la Mairie", "Place de l'Hôtel-de-Ville", "1 place de la Mairie"], rng);
  return `${randomInt(rng, 1, 48)} ${pick(STREETS, rng)}`;
}

export interface Offset {
  northMetres: number;
  eastMetres: number;
}

/** A place sits a little away from its commune's centre: 80 to 550 m, direction from the key. */
export function placeOffset(key: string): Offset {
  const rng = mulberry32(hashString(`offset:${key}`));
  const distance = 80 + rng() * 470;
  const angle = rng() * 2 * Math.PI;
  return { northMetres: distance * Math.cos(angle), eastMetres: distance * Math.sin(angle) };
}

const METRES_PER_DEGREE = 111_320;

export function applyOffset(centre: { latitude: number; longitude: number }, offset: Offset): { latitude: number; longitude: number } {
  const latitude = centre.latitude + offset.northMetres / METRES_PER_DEGREE;
  const longitude = centre.longitude + offset.eastMetres / (METRES_PER_DEGREE * Math.cos((centre.latitude * Math.PI) / 180));
  return { latitude: Math.round(latitude * 1e6) / 1e6, longitude: Math.round(longitude * 1e6) / 1e6 };
}

/** "de" with French elision and contraction: "de Nérac", "d'Agen", "du Passage", "des Eyzies", "de l'Isle". */
export function deName(name: string): string {
  if (name.startsWith("Le ")) return `du ${name.slice(3)}`;
  if (name.startsWith("Les ")) return `des ${name.slice(4)}`;
  if (name.startsWith("La ")) return `de la ${name.slice(3)}`;
  if (name.startsWith("L'")) return `de l'${name.slice(2)}`;
  return /^[AEIOUYÀÂÉÈÊÎÏÔÛ]/i.test(name) ? `d'${name}` : `de ${name}`;
}

/** "de" before a département's name, from INSEE's liaison type (typeLiaison / TNCC). */
export function departementDe(name: string, typeLiaison: number): string {
  switch (typeLiaison) {
    case 1:
      return `d'${name}`;
    case 2:
      return `du ${name}`;
    case 3:
      return `de la ${name}`;
    case 4:
      return `des ${name}`;
    case 5:
      return `de l'${name}`;
    default:
      return `de ${name}`;
  }
}

/** "CA Pau Béarn Pyrénées" → "Communauté d'agglomération Pau Béarn Pyrénées". */
export function expandEpciName(name: string): string {
  const prefixes: [string, string][] = [
    ["CA ", "Communauté d'agglomération "],
    ["CC ", "Communauté de communes "],
    ["CU ", "Communauté urbaine "],
  ];
  for (const [short, long] of prefixes) if (name.startsWith(short)) return long + name.slice(short.length);
  return name;
}

// ---------------------------------------------------------------------------------------------
// The network's shape

export interface DemoStructure {
  /** Stable key used inside the demo data and in e-mail addresses ("responsable.<key>@…"). */
  key: string;
  slug: string;
  name: string;
  kind: StructureKind;
  siret: string | null;
  communeCode: string | null;
  epciCode: string | null;
}

export interface DemoRole {
  role: Role;
  /** Structure key for scoped roles, null for network-wide roles. */
  structure: string | null;
}

export interface DemoAccount {
  email: string;
  firstName: string;
  lastName: string;
  roles: DemoRole[];
  /** Set when the account is a digital advisor: their employer and work phone. */
  advisor: { structure: string; phone: string } | null;
}

export interface DemoPlace {
  slug: string;
  name: string;
  structure: string;
  typologie: string[];
  address: string;
  postcode: string;
  communeCode: string;
  phone: string;
  offset: Offset;
}

export interface DemoNetwork {
  departement: string;
  kind: "curated" | "generic";
  /** E-mail domain of every demo account. */
  domain: string;
  structures: DemoStructure[];
  accounts: DemoAccount[];
  places: DemoPlace[];
}

export function demoDomain(departement: string): string {
  return `declic${departement.toLowerCase()}.example`;
}

interface StructureSpec {
  key: string;
  name: string;
  kind: StructureKind;
  communeCode: string | null;
  epciCode: string | null;
  /** Advisors employed (0 for structures that employ none). */
  advisors: number;
}

interface PlaceSpec {
  name: string;
  structure: string;
  communeCode: string;
  postcode: string;
  typologie: string[];
}

interface StaffSpec {
  local: string;
  roles: DemoRole[];
}

function uniqueSlug(base: string, used: Set<string>): string {
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  used.add(slug);
  return slug;
}

/** Turns specifications into the network: slugs, SIRETs, names, e-mails, phones, addresses. */
function assemble(
  departement: string,
  kind: DemoNetwork["kind"],
  structureSpecs: StructureSpec[],
  staff: StaffSpec[],
  placeSpecs: PlaceSpec[],
  phonePrefix: string,
): DemoNetwork {
  const domain = demoDomain(departement);
  const structureSlugs = new Set<string>();
  const structures: DemoStructure[] = structureSpecs.map((s) => ({
    key: s.key,
    slug: uniqueSlug(slugify(s.name), structureSlugs),
    name: s.name,
    kind: s.kind,
    siret: fictionalSiret(`${departement}:${s.key}`),
    communeCode: s.communeCode,
    epciCode: s.epciCode,
  }));

  const advisorSlots = structureSpecs.flatMap((s) => Array.from({ length: s.advisors }, () => s.key));
  const names = generateNames(advisorSlots.length + staff.length, hashString(`demo-names:${departement}`));
  const staffAccounts: DemoAccount[] = staff.map((s, i) => {
    const name = names[advisorSlots.length + i] as PersonName;
    return { email: `${s.local}@${domain}`, ...name, roles: s.roles, advisor: null };
  });
  const advisorAccounts: DemoAccount[] = advisorSlots.map((structure, i) => {
    const name = names[i] as PersonName;
    const email = `${emailLocalPart(name)}@${domain}`;
    return { email, ...name, roles: [{ role: "advisor", structure }], advisor: { structure, phone: mobilePhone(email) } };
  });

  const placeSlugs = new Set<string>();
  const places: DemoPlace[] = placeSpecs.map((p) => {
    const slug = uniqueSlug(slugify(p.name), placeSlugs);
    return {
      slug,
      name: p.name,
      structure: p.structure,
      typologie: p.typologie,
      address: fictionalAddress(slug, p.typologie),
      postcode: p.postcode,
      communeCode: p.communeCode,
      phone: landlinePhone(slug, phonePrefix),
      offset: placeOffset(slug),
    };
  });

  return { departement, kind, domain, structures, accounts: [...staffAccounts, ...advisorAccounts], places };
}

/** Accounts every network has: admin, coordination, State reader, one manager per employer but the Département. */
function standardStaff(structures: StructureSpec[], departementKey: string): StaffSpec[] {
  return [
    { local: "admin", roles: [{ role: "admin", structure: null }] },
    {
      local: "coordination",
      roles: [
        { role: "coordinator", structure: null },
        { role: "structure_manager", structure: departementKey },
      ],
    },
    { local: "prefecture", roles: [{ role: "state_reader", structure: null }] },
    ...structures
      .filter((s) => s.advisors > 0 && s.key !== departementKey)
      .map((s): StaffSpec => ({ local: `responsable.${s.key}`, roles: [{ role: "structure_manager", structure: s.key }] })),
  ];
}

// ---------------------------------------------------------------------------------------------
// Lot-et-Garonne (47): the curated network

const EPCI_AGEN = "200096956";
const EPCI_GRAND_VILLENEUVOIS = "200023307";
const EPCI_VAL_DE_GARONNE = "200030674";
const EPCI_ALBRET = "200068948";
const EPCI_FUMEL = "200068930";
const EPCI_BASTIDES = "200036523";
const EPCI_COTEAUX_LANDES = "244701355";
const EPCI_CONFLUENT = "200068922";
const EPCI_DURAS = "244700449";

const LOT_ET_GARONNE_STRUCTURES: StructureSpec[] = [
  { key: "departement", name: "Département de Lot-et-Garonne", kind: "departement", communeCode: "47001", epciCode: null, advisors: 4 },
  { key: "lgnum", name: "Lot-et-Garonne Numérique", kind: "public_body", communeCode: "47001", epciCode: null, advisors: 3 },
  { key: "agglo-agen", name: "Agglomération d'Agen", kind: "epci", communeCode: "47001", epciCode: EPCI_AGEN, advisors: 4 },
  {
    key: "grand-villeneuvois",
    name: "Communauté d'agglomération du Grand Villeneuvois",
    kind: "epci",
    communeCode: "47323",
    epciCode: EPCI_GRAND_VILLENEUVOIS,
    advisors: 3,
  },
  { key: "val-de-garonne", name: "Val de Garonne Agglomération", kind: "epci", communeCode: "47157", epciCode: EPCI_VAL_DE_GARONNE, advisors: 4 },
  { key: "albret", name: "Albret Communauté", kind: "epci", communeCode: "47195", epciCode: EPCI_ALBRET, advisors: 2 },
  {
    key: "fumel-vallee-du-lot",
    name: "Communauté de communes Fumel Vallée du Lot",
    kind: "epci",
    communeCode: "47106",
    epciCode: EPCI_FUMEL,
    advisors: 2,
  },
  {
    key: "bastides",
    name: "Communauté de communes des Bastides en Haut Agenais Périgord",
    kind: "epci",
    communeCode: "47175",
    epciCode: EPCI_BASTIDES,
    advisors: 2,
  },
  {
    key: "coteaux-landes-gascogne",
    name: "Communauté de communes des Coteaux et Landes de Gascogne",
    kind: "epci",
    communeCode: "47052",
    epciCode: EPCI_COTEAUX_LANDES,
    advisors: 1,
  },
  {
    key: "confluent",
    name: "Communauté de communes du Confluent et des Coteaux de Prayssas",
    kind: "epci",
    communeCode: "47004",
    epciCode: EPCI_CONFLUENT,
    advisors: 1,
  },
  { key: "agen", name: "Commune d'Agen", kind: "commune", communeCode: "47001", epciCode: EPCI_AGEN, advisors: 2 },
  { key: "villeneuve-sur-lot", name: "Commune de Villeneuve-sur-Lot", kind: "commune", communeCode: "47323", epciCode: EPCI_GRAND_VILLENEUVOIS, advisors: 1 },
  { key: "marmande", name: "Commune de Marmande", kind: "commune", communeCode: "47157", epciCode: EPCI_VAL_DE_GARONNE, advisors: 1 },
  { key: "tonneins", name: "Commune de Tonneins", kind: "commune", communeCode: "47310", epciCode: EPCI_VAL_DE_GARONNE, advisors: 1 },
  { key: "nerac", name: "Commune de Nérac", kind: "commune", communeCode: "47195", epciCode: EPCI_ALBRET, advisors: 1 },
  {
    key: "sainte-livrade",
    name: "Commune de Sainte-Livrade-sur-Lot",
    kind: "commune",
    communeCode: "47252",
    epciCode: EPCI_GRAND_VILLENEUVOIS,
    advisors: 1,
  },
  { key: "clic-et-lien", name: "Association Clic et Lien", kind: "association", communeCode: "47001", epciCode: null, advisors: 2 },
  { key: "passerelles", name: "Centre social Les Passerelles", kind: "association", communeCode: "47310", epciCode: null, advisors: 1 },
  { key: "grange-numerique", name: "La Grange numérique", kind: "association", communeCode: "47324", epciCode: null, advisors: 1 },
  { key: "coopnum", name: "Coop'Num Garonne", kind: "company", communeCode: "47157", epciCode: null, advisors: 1 },
  // Structures that employ no advisor: the State, partners, a small commune that asks for visits.
  { key: "prefecture", name: "Préfecture de Lot-et-Garonne", kind: "prefecture", communeCode: "47001", epciCode: null, advisors: 0 },
  { key: "caf", name: "CAF de Lot-et-Garonne", kind: "partner", communeCode: "47001", epciCode: null, advisors: 0 },
  { key: "france-travail", name: "France Travail Lot-et-Garonne", kind: "partner", communeCode: "47001", epciCode: null, advisors: 0 },
  { key: "ccas-agen", name: "CCAS d'Agen", kind: "partner", communeCode: "47001", epciCode: null, advisors: 0 },
  { key: "duras", name: "Commune de Duras", kind: "commune", communeCode: "47086", epciCode: EPCI_DURAS, advisors: 0 },
];

function place(structure: string, name: string, communeCode: string, postcode: string, typologie: string[]): PlaceSpec {
  return { structure, name, communeCode, postcode, typologie };
}

const LOT_ET_GARONNE_PLACES: PlaceSpec[] = [
  // The Département: its 8 medico-social centres, branch offices and the departmental media library.
  place("departement", "Centre médico-social d'Agen", "47001", "47000", ["CD"]),
  place("departement", "Centre médico-social de Villeneuve-sur-Lot", "47323", "47300", ["CD"]),
  place("departement", "Centre médico-social de Marmande", "47157", "47200", ["CD"]),
  place("departement", "Centre médico-social de Nérac", "47195", "47600", ["CD"]),
  place("departement", "Centre médico-social de Tonneins", "47310", "47400", ["CD"]),
  place("departement", "Centre médico-social de Fumel", "47106", "47500", ["CD"]),
  place("departement", "Centre médico-social de Casteljaloux", "47052", "47700", ["CD"]),
  place("departement", "Centre médico-social de Sainte-Livrade-sur-Lot", "47252", "47110", ["CD"]),
  place("departement", "Antenne médico-sociale d'Aiguillon", "47004", "47190", ["CD"]),
  place("departement", "Antenne médico-sociale de Miramont-de-Guyenne", "47168", "47800", ["CD"]),
  place("departement", "Antenne médico-sociale de Monflanquin", "47175", "47150", ["CD"]),
  place("departement", "Antenne médico-sociale de Mézin", "47167", "47170", ["CD"]),
  place("departement", "Antenne médico-sociale de Castillonnès", "47057", "47330", ["CD"]),
  place("departement", "Médiathèque départementale de Lot-et-Garonne", "47323", "47300", ["BIB", "CD"]),
  // LGNum's advisors hold permanences in small communes' town halls.
  place("lgnum", "Mairie de Lauzun", "47142", "47410", ["MUNI"]),
  place("lgnum", "Mairie de Houeillès", "47119", "47420", ["MUNI"]),
  place("lgnum", "Mairie de Penne-d'Agenais", "47203", "47140", ["MUNI"]),
  place("agglo-agen", "France Services de l'Agglomération d'Agen", "47001", "47000", ["RFS"]),
  place("agglo-agen", "France Services d'Astaffort", "47015", "47220", ["RFS"]),
  place("agglo-agen", "Médiathèque de Foulayronnes", "47100", "47510", ["BIB"]),
  place("agglo-agen", "Espace public numérique du Passage", "47201", "47520", ["EPN"]),
  place("grand-villeneuvois", "France Services du Grand Villeneuvois", "47323", "47300", ["RFS"]),
  place("grand-villeneuvois", "Médiathèque de Casseneuil", "47049", "47440", ["BIB"]),
  place("grand-villeneuvois", "Mairie de Pujols", "47215", "47300", ["MUNI"]),
  place("val-de-garonne", "France Services de Marmande", "47157", "47200", ["RFS"]),
  place("val-de-garonne", "France Services du Mas-d'Agenais", "47159", "47430", ["RFS"]),
  place("val-de-garonne", "Espace public numérique de Sainte-Bazeille", "47233", "47180", ["EPN"]),
  place("albret", "France Services d'Albret Communauté", "47195", "47600", ["RFS"]),
  place("albret", "Médiathèque de Lavardac", "47143", "47230", ["BIB"]),
  place("fumel-vallee-du-lot", "France Services de Fumel", "47106", "47500", ["RFS"]),
  place("fumel-vallee-du-lot", "Médiathèque de Monsempron-Libos", "47179", "47500", ["BIB"]),
  place("bastides", "France Services de Monflanquin", "47175", "47150", ["RFS"]),
  place("bastides", "Mairie de Cancon", "47048", "47290", ["MUNI"]),
  place("bastides", "Médiathèque de Castillonnès", "47057", "47330", ["BIB"]),
  place("coteaux-landes-gascogne", "France Services de Casteljaloux", "47052", "47700", ["RFS"]),
  place("confluent", "France Services d'Aiguillon", "47004", "47190", ["RFS"]),
  place("confluent", "Mairie de Prayssas", "47213", "47360", ["MUNI"]),
  place("confluent", "Médiathèque de Port-Sainte-Marie", "47210", "47130", ["BIB"]),
  place("agen", "Mairie d'Agen", "47001", "47000", ["MUNI"]),
  place("agen", "Médiathèque d'Agen", "47001", "47000", ["BIB"]),
  place("villeneuve-sur-lot", "Mairie de Villeneuve-sur-Lot", "47323", "47300", ["MUNI"]),
  place("villeneuve-sur-lot", "Médiathèque de Villeneuve-sur-Lot", "47323", "47300", ["BIB"]),
  place("marmande", "Mairie de Marmande", "47157", "47200", ["MUNI"]),
  place("marmande", "Médiathèque de Marmande", "47157", "47200", ["BIB"]),
  place("tonneins", "Mairie de Tonneins", "47310", "47400", ["MUNI"]),
  place("tonneins", "Médiathèque de Tonneins", "47310", "47400", ["BIB"]),
  place("nerac", "Mairie de Nérac", "47195", "47600", ["MUNI"]),
  place("nerac", "Médiathèque de Nérac", "47195", "47600", ["BIB"]),
  place("sainte-livrade", "Mairie de Sainte-Livrade-sur-Lot", "47252", "47110", ["MUNI"]),
  place("sainte-livrade", "Médiathèque de Sainte-Livrade-sur-Lot", "47252", "47110", ["BIB"]),
  place("duras", "Mairie de Duras", "47086", "47120", ["MUNI"]),
  place("clic-et-lien", "Local associatif Clic et Lien", "47001", "47000", ["ASSO"]),
  place("clic-et-lien", "Permanence Clic et Lien de Bon-Encontre", "47032", "47240", ["ASSO"]),
  place("passerelles", "Centre social Les Passerelles", "47310", "47400", ["ASSO"]),
  place("grange-numerique", "Tiers-lieu La Grange numérique", "47324", "47210", ["TIERS_LIEUX", "ASSO"]),
  place("coopnum", "Atelier Coop'Num Garonne", "47157", "47200", ["TIERS_LIEUX"]),
];

/** The curated Lot-et-Garonne network: 38 advisors (4 Département, 3 LGNum, 31 others). */
export function lotEtGaronneNetwork(): DemoNetwork {
  const staff: StaffSpec[] = [
    ...standardStaff(LOT_ET_GARONNE_STRUCTURES, "departement"),
    { local: "mairie.nerac", roles: [{ role: "commune_agent", structure: "nerac" }] },
    { local: "mairie.duras", roles: [{ role: "commune_agent", structure: "duras" }] },
    { local: "caf", roles: [{ role: "partner_agent", structure: "caf" }] },
    { local: "francetravail", roles: [{ role: "partner_agent", structure: "france-travail" }] },
    { local: "ccas", roles: [{ role: "partner_agent", structure: "ccas-agen" }] },
  ];
  return assemble("47", "curated", LOT_ET_GARONNE_STRUCTURES, staff, LOT_ET_GARONNE_PLACES, "05 53");
}

// ---------------------------------------------------------------------------------------------
// Any other département: a smaller network built from its own communes

export interface GenericCommune {
  code: string;
  name: string;
  population: number;
  postcodes: string[];
  epciCode: string | null;
}

export interface GenericEpci {
  code: string;
  name: string;
  population: number;
}

export interface GenericInput {
  departement: string;
  departementName: string;
  /** INSEE liaison type of the département's name (0 "de", 2 "du", 3 "de la", 4 "des", 5 "de l'"). */
  typeLiaison: number;
  /** INSEE region code, for the landline prefix. */
  region: string;
  /** INSEE code of the prefecture's commune, when known. */
  chefLieu: string | null;
  communes: GenericCommune[];
  epcis: GenericEpci[];
}

/** The first two pairs of a landline by telephone zone (01 Île-de-France … 05 South-West). */
export function landlinePrefix(region: string, key: string): string {
  const zones: Record<string, string> = {
    "11": "01",
    "24": "02", "28": "02", "52": "02", "53": "02",
    "27": "03", "32": "03", "44": "03",
    "84": "04", "93": "04", "94": "04",
    "75": "05", "76": "05",
  };
  const zone = zones[region] ?? "05";
  const rng = mulberry32(hashString(`zone:${key}`));
  return `${zone} ${String(randomInt(rng, 10, 99))}`;
}

/**
 * A usable demo anywhere: the Département (4 advisors), the three most populous EPCIs (2 each),
 * the four most populous communes (1 each), an association (2) and a company (1).
 */
export function genericNetwork(input: GenericInput): DemoNetwork {
  const communes = [...input.communes].sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));
  if (communes.length === 0) throw new Error(`no commune for département ${input.departement}: load the territory first`);
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const chefLieu = (input.chefLieu ? byCode.get(input.chefLieu) : undefined) ?? (communes[0] as GenericCommune);
  const de = departementDe(input.departementName, input.typeLiaison);
  const postcode = (c: GenericCommune) => c.postcodes[0] ?? "00000";
  const nth = (i: number) => communes[Math.min(i, communes.length - 1)] as GenericCommune;

  const biggestMember = new Map<string, GenericCommune>();
  for (const c of communes) if (c.epciCode && !biggestMember.has(c.epciCode)) biggestMember.set(c.epciCode, c);
  const epcis = input.epcis
    .filter((e) => biggestMember.has(e.code))
    .sort((a, b) => b.population - a.population || a.code.localeCompare(b.code))
    .slice(0, 3);
  const employerCommunes = communes.slice(0, 4);
  const associationCommune = nth(1);
  const companyCommune = nth(2);

  const structures: StructureSpec[] = [
    { key: "departement", name: `Département ${de}`, kind: "departement", communeCode: chefLieu.code, epciCode: null, advisors: 4 },
    ...epcis.map(
      (e): StructureSpec => ({
        key: slugify(e.name),
        name: expandEpciName(e.name),
        kind: "epci",
        communeCode: biggestMember.get(e.code)?.code ?? null,
        epciCode: e.code,
        advisors: 2,
      }),
    ),
    ...employerCommunes.map(
      (c): StructureSpec => ({
        key: slugify(c.name),
        name: `Commune ${deName(c.name)}`,
        kind: "commune",
        communeCode: c.code,
        epciCode: c.epciCode,
        advisors: 1,
      }),
    ),
    { key: "lien-numerique", name: "Association Le Lien numérique", kind: "association", communeCode: associationCommune.code, epciCode: null, advisors: 2 },
    { key: "coopnum", name: `Coop'Num ${associationCommune === companyCommune ? input.departementName : companyCommune.name}`, kind: "company", communeCode: companyCommune.code, epciCode: null, advisors: 1 },
    { key: "prefecture", name: `Préfecture ${de}`, kind: "prefecture", communeCode: chefLieu.code, epciCode: null, advisors: 0 },
    { key: "caf", name: `CAF ${de}`, kind: "partner", communeCode: chefLieu.code, epciCode: null, advisors: 0 },
  ];
  // Two employer communes may share a slug (same name): keep keys unique.
  const keys = new Set<string>();
  for (const s of structures) s.key = uniqueSlug(s.key, keys);
  const communeKey = new Map(structures.filter((s) => s.kind === "commune").map((s) => [s.communeCode, s.key]));

  const places: PlaceSpec[] = [
    ...communes.slice(0, 6).map((c) => place("departement", `Centre médico-social ${deName(c.name)}`, c.code, postcode(c), ["CD"])),
    place("departement", `Médiathèque départementale ${de}`, chefLieu.code, postcode(chefLieu), ["BIB", "CD"]),
    ...epcis.flatMap((e) => {
      const c = biggestMember.get(e.code);
      const key = structures.find((s) => s.epciCode === e.code && s.kind === "epci")?.key;
      return c && key ? [place(key, `France Services ${deName(c.name)}`, c.code, postcode(c), ["RFS"])] : [];
    }),
    ...employerCommunes.flatMap((c, i) => {
      const key = communeKey.get(c.code) as string;
      const mairie = place(key, `Mairie ${deName(c.name)}`, c.code, postcode(c), ["MUNI"]);
      return i < 2 ? [mairie, place(key, `Médiathèque ${deName(c.name)}`, c.code, postcode(c), ["BIB"])] : [mairie];
    }),
    place("lien-numerique", "Local associatif Le Lien numérique", associationCommune.code, postcode(associationCommune), ["ASSO"]),
    place("coopnum", `Atelier Coop'Num ${companyCommune.name}`, companyCommune.code, postcode(companyCommune), ["TIERS_LIEUX"]),
  ];

  const mairieKey = employerCommunes[0] ? (communeKey.get(employerCommunes[0].code) as string) : "departement";
  const staff: StaffSpec[] = [
    ...standardStaff(structures, "departement"),
    { local: `mairie.${mairieKey}`, roles: [{ role: "commune_agent", structure: mairieKey }] },
    { local: "caf", roles: [{ role: "partner_agent", structure: "caf" }] },
  ];
  return assemble(input.departement, "generic", structures, staff, places, landlinePrefix(input.region, input.departement));
}

/** Every role a demo account may hold, with the accounts holding it (for documentation and tests). */
export function accountsByRole(network: DemoNetwork): Map<Role, DemoAccount[]> {
  const map = new Map<Role, DemoAccount[]>();
  for (const account of network.accounts) {
    for (const r of account.roles) map.set(r.role, [...(map.get(r.role) ?? []), account]);
  }
  return map;
}
