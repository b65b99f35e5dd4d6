// The demo's partner directory for Lot-et-Garonne: the CAF and France Travail structures the demo already has
// (with their agents) get a profile, and the other usual partners are added: CPAM, France Travail Marmande,
// the CCAS of Agen, the mission locale, the MSA. Each has services, publics and a coverage zone.
import type { DbOrTx } from "../../db/schema.ts";
import { insertPartner, insertService, updatePartner } from "../partners/partners.repository.ts";
import type { Coverage, Profile, Service } from "../partners/partners.ts";

const AGGLO_AGEN = "200096956";
const VAL_DE_GARONNE = "200030674";
const ALBRET = "200068948";
const COTEAUX_LANDES_GASCOGNE = "244701355";

interface DemoPartner {
  /** The existing demo structure's name, or null for a partner the demo adds. */
  existing: string | null;
  slug: string;
  profile: Profile;
  services: Service[];
}

const everywhere: Coverage = { departement: true, communes: [], epcis: [] };

function profile(p: Partial<Profile> & Pick<Profile, "name" | "typology" | "communeCode">): Profile {
  return { siret: null, address: null, postcode: null, phone: null, email: null, website: null, description: null, publics: [], coverage: everywhere, ...p };
}

function service(name: string, thematiques: string[], howToRefer: string, publics: string[], description: string | null = null, receptionModes = ["en-presentiel", "a-distance"]): Service {
  return { name, thematiques, description, receptionModes, howToRefer, publics };
}

export const DEMO_PARTNERS: DemoPartner[] = [
  {
    existing: "CAF de Lot-et-Garonne",
    slug: "caf-de-lot-et-garonne",
    profile: profile({
      name: "CAF de Lot-et-Garonne", typology: "CAF", communeCode: "47001", address: "2 rue Diderot", postcode: "47000", phone: "3230",
      email: "partenaires.caf47@exemple.fr", website: "https://www.caf.fr", publics: ["familles-enfants", "beneficiaires-rsa", "jeunes-16-26"],
      description: "Prestations familiales, logement, RSA et prime d'activité : la CAF accueille sur rendez-vous à Agen et dans les France Services.",
    }),
    services: [
      service("Rendez-vous prestations et droits", ["famille", "acces-aux-droits-et-citoyennete"], "Fiche de liaison partenaire par courriel ; la CAF rappelle la personne sous 5 jours.", ["familles-enfants", "beneficiaires-rsa"]),
      service("Aide au logement", ["logement-hebergement"], "Prise de rendez-vous sur caf.fr ou au 3230.", ["tous-publics"]),
    ],
  },
  {
    existing: "France Travail Lot-et-Garonne",
    slug: "france-travail-lot-et-garonne",
    profile: profile({
      name: "France Travail Lot-et-Garonne", typology: "FT", communeCode: "47001", address: "1 rue Marcel Pagnol", postcode: "47000", phone: "3949",
      publics: ["demandeurs-emploi", "jeunes-16-26"], coverage: { departement: false, communes: [], epcis: [AGGLO_AGEN, ALBRET] },
      description: "L'agence d'Agen : inscription, indemnisation, accompagnement vers l'emploi.",
    }),
    services: [
      service("Accompagnement vers l'emploi", ["trouver-un-emploi", "preparer-sa-candidature"], "Le conseiller référent est joignable par la messagerie de l'espace personnel.", ["demandeurs-emploi"]),
      service("Ateliers « Mon espace France Travail »", ["numerique", "trouver-un-emploi"], "Inscription à l'accueil de l'agence.", ["demandeurs-emploi"], null, ["en-presentiel"]),
    ],
  },
  {
    existing: null,
    slug: "france-travail-marmande",
    profile: profile({
      name: "France Travail Marmande", typology: "FT", communeCode: "47157", address: "18 avenue Jean Jaurès", postcode: "47200", phone: "3949",
      publics: ["demandeurs-emploi"], coverage: { departement: false, communes: [], epcis: [VAL_DE_GARONNE, COTEAUX_LANDES_GASCOGNE] },
    }),
    services: [service("Accompagnement vers l'emploi", ["trouver-un-emploi", "se-former"], "Orientation par la fiche de prescription France Travail.", ["demandeurs-emploi", "jeunes-16-26"])],
  },
  {
    existing: null,
    slug: "cpam-de-lot-et-garonne",
    profile: profile({
      name: "CPAM de Lot-et-Garonne", typology: "CPAM", communeCode: "47001", address: "2 rue Diderot", postcode: "47000", phone: "3646",
      website: "https://www.ameli.fr", publics: ["tous-publics"], description: "Assurance maladie : droits, complémentaire santé solidaire, Mon espace santé.",
    }),
    services: [
      service("Complémentaire santé solidaire", ["sante", "acces-aux-droits-et-citoyennete"], "Signalement par la plateforme partenaires ; rendez-vous sous 10 jours.", ["tous-publics", "beneficiaires-rsa"]),
      service("Ouvrir son compte ameli et Mon espace santé", ["sante", "numerique"], "Rendez-vous au 3646 ou dans une France Services.", ["tous-publics", "seniors-65"]),
    ],
  },
  {
    existing: "CCAS d'Agen",
    slug: "ccas-d-agen",
    profile: profile({
      name: "CCAS d'Agen", typology: "CCAS", communeCode: "47001", address: "Place du Docteur Esquirol", postcode: "47000", phone: "05 53 69 47 47",
      email: "ccas@exemple-agen.fr", publics: ["seniors-65", "familles-enfants", "beneficiaires-rsa"], coverage: { departement: false, communes: ["47001"], epcis: [] },
    }),
    services: [service("Aide sociale et domiciliation", ["acces-aux-droits-et-citoyennete", "equipement-et-alimentation"], "Appeler l'accueil du CCAS, du lundi au vendredi.", ["tous-publics"], null, ["en-presentiel"])],
  },
  {
    existing: null,
    slug: "mission-locale-de-l-agenais",
    profile: profile({
      name: "Mission locale de l'Agenais, de l'Albret et du Confluent", typology: "ML", communeCode: "47001", address: "8 rue Louis Vivent", postcode: "47000",
      phone: "05 53 47 45 44", publics: ["jeunes-16-26"], coverage: { departement: false, communes: [], epcis: [AGGLO_AGEN, ALBRET] },
    }),
    services: [service("Contrat d'engagement jeune", ["trouver-un-emploi", "accompagnement-social-et-professionnel-personnalise"], "Fiche de liaison par courriel ; premier rendez-vous sous 15 jours.", ["jeunes-16-26"])],
  },
  {
    existing: null,
    slug: "msa-dordogne-lot-et-garonne",
    profile: profile({
      name: "MSA Dordogne, Lot-et-Garonne", typology: "MSA", communeCode: "47001", address: "1 place du Général de Gaulle", postcode: "47000",
      publics: ["agriculteurs", "salaries", "retraites"], description: "La protection sociale du monde agricole.",
    }),
    services: [service("Rendez-vous prestations agricoles", ["sante", "famille", "acces-aux-droits-et-citoyennete"], "Appeler le conseiller MSA du secteur.", ["agriculteurs", "retraites"])],
  },
];

/** Writes the partner directory; only for Lot-et-Garonne, whose communes and EPCIs the zones name. */
export async function loadDemoPartners(trx: DbOrTx, options: { departement: string; now: Date }): Promise<number> {
  if (options.departement !== "47") return 0;
  const epcis = new Set((await trx.selectFrom("epcis").select("code").execute()).map((e) => e.code));
  for (const partner of DEMO_PARTNERS) {
    const coverage = { ...partner.profile.coverage, epcis: partner.profile.coverage.epcis.filter((e) => epcis.has(e)) };
    const profile = { ...partner.profile, coverage };
    const existing = partner.existing
      ? await trx.selectFrom("structures").select("id").where("kind", "=", "partner").where("name", "=", partner.existing).executeTakeFirst()
      : undefined;
    let id: string;
    if (existing) {
      id = existing.id;
      await updatePartner(trx, id, profile, { coverage: true, now: options.now });
    } else {
      id = await insertPartner(trx, partner.slug, profile, { dataInclusionId: null, isDemo: true, now: options.now });
    }
    for (const s of partner.services) await insertService(trx, id, s, { dataInclusionId: null, now: options.now });
  }
  return DEMO_PARTNERS.length;
}
