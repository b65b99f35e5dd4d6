// ProConnect rules that need no network: what the sign-in asks for, the short-lived flow cookie, which acr
// counts as a second factor, and the French messages of every failure.
import { randomBytes } from "node:crypto";

export const PROCONNECT_SCOPE = "openid given_name usual_name email uid siret";
export const FLOW_COOKIE = "declic_proconnect";
/** The flow (state, nonce, PKCE verifier) is valid this long: enough to sign in at the provider. */
export const FLOW_LIFETIME_MS = 10 * 60_000;
export const CALLBACK_PATH = "/connexion/proconnect/retour";
export const LOGGED_OUT_PATH = "/connexion/proconnect/deconnecte";

export interface FlowState {
  state: string;
  nonce: string;
  verifier: string;
  expiresAt: number;
}

/** 43 characters of base64url (256 random bits): state and nonce are well over 32 characters. */
export function randomFlowValue(): string {
  return randomBytes(32).toString("base64url");
}

export function encodeFlow(flow: FlowState): string {
  return Buffer.from(JSON.stringify(flow)).toString("base64url");
}

export function decodeFlow(raw: string | undefined | null, now: Date): FlowState | "missing" | "expired" {
  if (!raw) return "missing";
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<FlowState>;
    if (typeof value.state !== "string" || typeof value.nonce !== "string" || typeof value.verifier !== "string" || typeof value.expiresAt !== "number") {
      return "missing";
    }
    if (value.expiresAt <= now.getTime()) return "expired";
    return value as FlowState;
  } catch {
    return "missing";
  }
}

/** The acr is asked through the `claims` parameter, as ProConnect expects. */
export function claimsParameter(acr: readonly string[]): string {
  return JSON.stringify({
    id_token: { amr: { essential: true }, acr: acr.length === 1 ? { essential: true, value: acr[0] } : { essential: true, values: acr } },
  });
}

export function countsAsSecondFactor(acr: unknown, multiFactorAcr: readonly string[]): boolean {
  return typeof acr === "string" && multiFactorAcr.includes(acr);
}

export type ProConnectFailure = "cancelled" | "provider_error" | "state_missing" | "state_expired" | "state_mismatch" | "token_refused" | "unavailable" | "no_email" | "join_expired";

export const FAILURE_MESSAGES: Record<ProConnectFailure, string> = {
  cancelled: "Vous avez annulé la connexion avec ProConnect. Vous pouvez réessayer ou recevoir un lien de connexion par courriel.",
  provider_error: "ProConnect a refusé la connexion. Réessayez ; si cela recommence, recevez un lien de connexion par courriel.",
  state_missing:
    "Cette connexion ProConnect n'a pas été commencée depuis ce navigateur, ou les cookies y sont bloqués. Recommencez depuis la page de connexion.",
  state_expired: "Cette connexion ProConnect a expiré : elle doit se terminer dans les 10 minutes. Recommencez depuis la page de connexion.",
  state_mismatch: "La réponse de ProConnect ne correspond pas à la connexion commencée ici. Recommencez depuis la page de connexion.",
  token_refused:
    "La réponse de ProConnect n'a pas pu être vérifiée (jeton invalide ou expiré). Par sécurité, la connexion est refusée : recommencez depuis la page de connexion.",
  unavailable: "ProConnect ne répond pas pour le moment. Réessayez dans quelques minutes, ou recevez un lien de connexion par courriel.",
  join_expired:
    "Votre identification ProConnect n'est plus valable pour envoyer une demande d'accès (30 minutes au plus). Identifiez-vous de nouveau avec ProConnect depuis la page de connexion.",
  no_email: "ProConnect n'a pas transmis d'adresse électronique vérifiée : nous ne pouvons pas retrouver votre compte.",
};

export interface ProConnectIdentity {
  sub: string;
  email: string | null;
  givenName: string | null;
  usualName: string | null;
  siret: string | null;
  /** The agent's identifier in their organisation's directory, when ProConnect gives one. */
  uid: string | null;
  acr: string | null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** Reads the verified userinfo claims; an e-mail the provider says is unverified is not used. */
export function identityFrom(userinfo: Record<string, unknown>, idTokenClaims: Record<string, unknown>): ProConnectIdentity {
  const email = userinfo.email_verified === false ? null : text(userinfo.email);
  const siret = text(userinfo.siret);
  return {
    sub: String(userinfo.sub),
    email: email?.toLowerCase() ?? null,
    givenName: text(userinfo.given_name),
    usualName: text(userinfo.usual_name),
    siret: siret && /^[0-9]{14}$/.test(siret) ? siret : null,
    uid: text(userinfo.uid),
    acr: text(idTokenClaims.acr),
  };
}
