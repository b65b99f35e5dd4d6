// Every expected failure has a stable code, an HTTP status and a French message.
// Browsers get an HTML page, the JSON API gets application/problem+json (RFC 9457).

export const ERRORS = {
  not_found: { status: 404, title: "Page introuvable", message: "Cette page n'existe pas ou a été déplacée." },
  validation_failed: { status: 400, title: "Données invalides", message: "Certaines informations sont incorrectes." },
  unauthenticated: { status: 401, title: "Connexion nécessaire", message: "Connectez-vous pour accéder à cette page." },
  invalid_token: {
    status: 401,
    title: "Jeton d'accès invalide",
    message: "Jeton d'accès absent, inconnu ou révoqué. Envoyez l'en-tête Authorization: Bearer <jeton>.",
  },
  insufficient_scope: { status: 403, title: "Accès non autorisé", message: "Ce jeton ne donne pas accès à ces données." },
  forbidden: { status: 403, title: "Accès refusé", message: "Votre compte ne permet pas d'accéder à cette page." },
  csrf_invalid: {
    status: 403,
    title: "Formulaire expiré",
    message: "Ce formulaire a expiré ou ne vient pas de ce site. Rechargez la page et recommencez.",
  },
  malformed_body: {
    status: 400,
    title: "Requête illisible",
    message: "Le contenu envoyé n'est pas lisible : vérifiez qu'il s'agit d'un JSON valide (accolades, guillemets, virgules).",
  },
  bad_request: { status: 400, title: "Requête invalide", message: "Cette demande n'est pas valide. Vérifiez l'adresse ou les informations envoyées." },
  method_not_allowed: { status: 405, title: "Méthode non permise", message: "Cette adresse ne s'utilise pas de cette façon." },
  not_acceptable: { status: 406, title: "Format non disponible", message: "Cette page n'existe pas dans le format demandé." },
  request_timeout: { status: 408, title: "Délai dépassé", message: "La demande a mis trop de temps à arriver. Réessayez." },
  length_required: { status: 411, title: "Longueur manquante", message: "La taille du contenu envoyé doit être indiquée." },
  unsupported_media_type: {
    status: 415,
    title: "Type de contenu non pris en charge",
    message: "Ce type de contenu n'est pas accepté ici. Envoyez du JSON (application/json) ou un formulaire.",
  },
  uri_too_long: { status: 414, title: "Adresse trop longue", message: "L'adresse demandée est trop longue. Vérifiez-la, ou repartez de l'accueil." },
  range_not_satisfiable: { status: 416, title: "Partie introuvable", message: "La partie demandée de ce fichier n'existe pas." },
  headers_too_large: {
    status: 431,
    title: "Demande trop volumineuse",
    message: "L'adresse ou les informations envoyées sont trop longues. Repartez de l'accueil.",
  },
  already_reported: {
    status: 409,
    title: "Compte rendu déjà saisi",
    message: "Ce rendez-vous ou cet atelier a déjà son compte rendu : ouvrez-le pour le compléter.",
  },
  slot_taken: { status: 409, title: "Créneau déjà pris", message: "Ce créneau vient d'être réservé. Choisissez-en un autre." },
  slot_unavailable: { status: 409, title: "Créneau plus disponible", message: "Ce créneau n'est plus disponible. Choisissez-en un autre." },
  rate_limited: { status: 429, title: "Trop de demandes", message: "Trop de demandes en peu de temps. Réessayez dans quelques minutes." },
  payload_too_large: { status: 413, title: "Envoi trop volumineux", message: "Les données envoyées sont trop volumineuses." },
  unavailable: { status: 503, title: "Service indisponible", message: "Le service est momentanément indisponible." },
  internal: { status: 500, title: "Erreur du serveur", message: "Une erreur inattendue s'est produite. Réessayez plus tard." },
} as const;

export type ErrorCode = keyof typeof ERRORS;

const CLIENT_ERROR_CODES: Partial<Record<number, ErrorCode>> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  406: "not_acceptable",
  408: "request_timeout",
  411: "length_required",
  413: "payload_too_large",
  414: "uri_too_long",
  415: "unsupported_media_type",
  416: "range_not_satisfiable",
  429: "rate_limited",
  431: "headers_too_large",
};

/** Our code for a client-error status raised by Fastify or a plugin (their own words are English and unstable). */
export function clientErrorCode(status: number): ErrorCode | null {
  if (!Number.isInteger(status) || status < 400 || status > 499) return null;
  return CLIENT_ERROR_CODES[status] ?? "bad_request";
}

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  errors?: FieldError[];
}

export function problem(code: ErrorCode, detail?: string, errors?: FieldError[]): Problem {
  const { status, title, message } = ERRORS[code];
  return { type: `urn:declic:erreur:${code}`, title, status, code, detail: detail ?? message, ...(errors ? { errors } : {}) };
}

/** Thrown where a handler cannot go on; the error handler turns it into a page or a problem. */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly fieldErrors?: FieldError[],
  ) {
    super(detail ?? ERRORS[code].message);
    this.name = "HttpError";
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}
