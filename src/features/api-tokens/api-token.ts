// API tokens: a random secret shown once, stored as a SHA-256 hash, with scopes naming the data it opens.
import { hashToken, newSecretToken } from "../auth/auth.ts";

export const API_SCOPES = {
  activites: "Comptes rendus d'activité (anonymisés)",
  statistiques: "Statistiques",
  maillage: "Maillage du territoire",
  demandes: "Demandes des communes",
  orientations: "Orientations de personnes (partenaires)",
} as const;

export type ApiScope = keyof typeof API_SCOPES;
export const API_SCOPE_CODES = Object.keys(API_SCOPES) as ApiScope[];

/** Tokens carry a recognisable prefix so a leaked one is easy to spot in logs and code. */
export const API_TOKEN_PREFIX = "declic_";

export function isApiScope(value: string): value is ApiScope {
  return Object.hasOwn(API_SCOPES, value);
}

/** Parses "activites,statistiques" (CLI) or a list of form values; unknown scopes are reported. */
export function parseScopes(values: string | string[]): { scopes: ApiScope[]; unknown: string[] } {
  const list = (Array.isArray(values) ? values : values.split(",")).map((v) => v.trim()).filter((v) => v !== "");
  const unknown = list.filter((v) => !isApiScope(v));
  const scopes = API_SCOPE_CODES.filter((code) => list.includes(code));
  return { scopes, unknown };
}

export function newApiToken(): { token: string; hash: string } {
  const token = `${API_TOKEN_PREFIX}${newSecretToken()}`;
  return { token, hash: hashToken(token) };
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? (match[1] ?? null) : null;
}
