// The tools a signed-in person sees in their space, by role.
import { hasAnyRole, hasRole, type Viewer } from "./viewer.ts";

export interface ToolLink {
  href: string;
  label: string;
}

export function toolLinks(viewer: Viewer): ToolLink[] {
  const links: ToolLink[] = [];
  if (hasRole(viewer, "advisor")) links.push({ href: "/agenda", label: "Mon agenda" });
  if (hasAnyRole(viewer, ["admin", "coordinator", "structure_manager"])) {
    links.push({ href: "/agenda", label: "Agendas des conseillers" });
    links.push({ href: "/gestion/motifs", label: "Motifs de rendez-vous" });
    links.push({ href: "/gestion/lieux", label: "Lieux et permanences" });
    links.push({ href: "/gestion/ateliers", label: "Ateliers" });
    links.push({ href: "/gestion/signalements", label: "Erreurs signalées sur les lieux" });
  } else if (hasRole(viewer, "advisor")) {
    links.push({ href: "/gestion/lieux", label: "Mes lieux et mes permanences" });
    links.push({ href: "/gestion/ateliers", label: "Mes ateliers" });
  }
  if (hasAnyRole(viewer, ["admin", "advisor", "structure_manager", "partner_agent"])) {
    links.push({ href: "/gestion/rendez-vous/nouveau", label: "Prendre un rendez-vous pour une personne" });
  }
  if (hasRole(viewer, "advisor")) {
    links.push({ href: "/activites/nouveau", label: "Saisir un compte rendu d'activité" });
    links.push({ href: "/activites", label: "Mes comptes rendus d'activité" });
    links.push({ href: "/beneficiaires", label: "Mes bénéficiaires" });
  }
  if (hasRole(viewer, "structure_manager")) {
    links.push({ href: "/activites", label: "Comptes rendus de la structure" });
    // Coordination and the Préfecture never see identities, even when they also manage a structure.
    if (!hasAnyRole(viewer, ["admin", "coordinator", "state_reader"])) {
      links.push({ href: "/beneficiaires", label: "Bénéficiaires partagés dans la structure" });
      links.push({ href: "/beneficiaires/journal", label: "Journal des consultations de fiches" });
    }
  }
  if (hasAnyRole(viewer, ["admin", "coordinator", "state_reader"])) {
    links.push({ href: "/activites", label: "Comptes rendus d'activité (anonymisés)" });
    links.push({ href: "/maillage", label: "Maillage du territoire" });
    links.push({ href: "/reseau", label: "Le réseau des conseillers" });
    links.push({ href: "/reseau/journal", label: "Journal de la coordination" });
  }
  if (hasAnyRole(viewer, ["admin", "coordinator", "state_reader", "structure_manager", "advisor"])) {
    links.push({ href: "/statistiques", label: "Statistiques et tableau de bord" });
  }
  if (hasRole(viewer, "commune_agent")) {
    links.push({ href: "/demandes/nouvelle", label: "Demander la venue d'un conseiller numérique" });
    links.push({ href: "/demandes", label: "Les demandes de ma commune" });
  }
  if (hasAnyRole(viewer, ["admin", "coordinator", "state_reader"])) links.push({ href: "/demandes", label: "Demandes des communes" });
  else if (hasAnyRole(viewer, ["structure_manager", "advisor"])) links.push({ href: "/demandes", label: "Demandes des communes qui vous concernent" });
  if (hasRole(viewer, "partner_agent")) links.push({ href: "/orientations/nouvelle", label: "Orienter une personne vers le réseau" });
  if (hasAnyRole(viewer, ["structure_manager", "advisor"])) links.push({ href: "/orientations", label: "Orientations reçues" });
  else if (hasAnyRole(viewer, ["partner_agent", "admin", "coordinator", "state_reader"])) links.push({ href: "/orientations", label: "Orientations" });
  if (hasAnyRole(viewer, ["admin", "coordinator", "state_reader", "structure_manager", "advisor", "partner_agent"])) links.push({ href: "/partenaires", label: "Partenaires du réseau" });
  if (hasAnyRole(viewer, ["admin", "coordinator"])) links.push({ href: "/admin/donnees/import", label: "Importer des lieux (données ouvertes)" });
  if (hasRole(viewer, "admin")) {
    links.push({ href: "/admin/courriels", label: "Courriels envoyés par la plateforme" });
    links.push({ href: "/admin/sms", label: "SMS envoyés par la plateforme" });
    links.push({ href: "/admin/jetons-api", label: "Jetons d'accès à l'API" });
  }
  // One link per address: a person with several roles sees each tool once.
  return links.filter((link, i) => links.findIndex((l) => l.href === link.href) === i);
}
