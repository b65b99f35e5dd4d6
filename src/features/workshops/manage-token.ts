// The personal link of a registration: derived from its id with the server secret, so a later message
// (a seat offered) can carry it again; only its hash is stored, and an altered token matches nothing.
import { createHmac } from "node:crypto";
import { hashToken } from "../auth/auth.ts";

export function manageToken(secret: string, registrationId: string): string {
  return createHmac("sha256", secret).update(`workshop-registration:${registrationId}`).digest("base64url");
}

export function manageTokenHash(token: string): string {
  return hashToken(token);
}

export function personalUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/ateliers/inscription?jeton=${encodeURIComponent(token)}`;
}
