// The tools a signed-in person sees in their space, by role.
import { hasAnyRole, hasRole, type Viewer } from "./viewer.ts";

export interface ToolLink {
  href: string;
  label: string;
}

export function toolLinks(viewer: Viewer): ToolLink[] {
  const links: ToolLink[] = [];
  if (hasAnyRole(viewer, ["admin", "coordinator", "structure_manager"])) {
    links.push({ href: "/gestion/lieux", label: "Lieux et permanences" });
    links.push({ href: "/gestion/signalements", label: "Erreurs signalées sur les lieux" });
  } else if (hasRole(viewer, "advisor")) {
    links.push({ href: "/gestion/lieux", label: "Mes lieux et mes permanences" });
  }
  if (hasAnyRole(viewer, ["admin", "coordinator"])) links.push({ href: "/admin/donnees/import", label: "Importer des lieux (données ouvertes)" });
  if (hasRole(viewer, "admin")) links.push({ href: "/admin/courriels", label: "Courriels envoyés par la plateforme" });
  return links;
}
