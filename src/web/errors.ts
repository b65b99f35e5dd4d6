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
  slot_taken: { status: 409, title: "Créneau déjà pris", message: "Ce créneau vient d'être réservé. Choisissez-en un autre." },
  rate_limited: { status: 429, title: "Trop de demandes", message: "Trop de demandes en peu de temps. Réessayez dans quelques minutes." },
  payload_too_large: { status: 413, title: "Envoi trop volumineux", message: "Les données envoyées sont trop volumineuses." },
  unavailable: { status: 503, title: "Service indisponible", message: "Le service est momentanément indisponible." },
  internal: { status: 500, title: "Erreur du serveur", message: "Une erreur inattendue s'est produite. Réessayez plus tard." },
} as const;

export type ErrorCode = keyof typeof ERRORS;

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
