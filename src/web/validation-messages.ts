// French messages for JSON-schema validation failures, keyed by the failing keyword.

export interface SchemaIssue {
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export function frenchValidationMessage(issue: SchemaIssue): string {
  const p = issue.params;
  switch (issue.keyword) {
    case "required":
      return "Ce champ est obligatoire.";
    case "minLength":
      return p.limit === 1 ? "Ce champ ne doit pas être vide." : `Au moins ${p.limit} caractères.`;
    case "maxLength":
      return `Au plus ${p.limit} caractères.`;
    case "minimum":
      return `La valeur doit être au moins ${p.limit}.`;
    case "maximum":
      return `La valeur doit être au plus ${p.limit}.`;
    case "type":
      return p.type === "integer" ? "Un nombre entier est attendu." : p.type === "number" ? "Un nombre est attendu." : "Valeur d'un type inattendu.";
    case "enum":
    case "const":
    case "anyOf":
      return "Valeur non reconnue.";
    case "finite":
      return "Ce nombre est trop grand.";
    case "pattern":
      return "Le format n'est pas le bon.";
    case "format":
      return p.format === "date" ? "Une date au format AAAA-MM-JJ est attendue." : p.format === "email" ? "Adresse électronique invalide." : "Le format n'est pas le bon.";
    case "additionalProperties":
      return `Champ inconnu : ${String(p.additionalProperty)}.`;
    default:
      return "Valeur invalide.";
  }
}
