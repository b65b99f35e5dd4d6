// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), as authenticator apps compute them:
// HMAC-SHA1, 30-second steps, 6 digits, secrets shown in base32 (RFC 4648). The arithmetic and the
// otpauth:// address come from the `otpauth` library; this module only fixes our parameters and the
// accepted window, so callers do not depend on the library's types.
import { randomBytes } from "node:crypto";
import { HOTP, Secret, TOTP } from "otpauth";

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the server's: a phone clock a little off still works. */
export const TOTP_DRIFT_STEPS = 1;
const ALGORITHM = "SHA1";

/** The library wants its own copy of the bytes (a Buffer may be a view on a shared pool). */
function librarySecret(secret: Uint8Array): Secret {
  return new Secret({ buffer: new Uint8Array(secret).buffer });
}

export function base32Encode(bytes: Uint8Array): string {
  return librarySecret(bytes).base32;
}

/** Reads a key as people type it: case, spaces, dashes and padding ignored; throws on other characters. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, "");
  if (!/^[A-Z2-7]*$/.test(clean)) throw new Error("not base32");
  return Buffer.from(Secret.fromBase32(clean).bytes);
}

/** A new 160-bit secret, the size RFC 4226 recommends for HMAC-SHA1. */
export function newTotpSecret(): Buffer {
  return randomBytes(20);
}

export function hotp(secret: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  return HOTP.generate({ secret: librarySecret(secret), algorithm: ALGORITHM, digits, counter });
}

export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);
}

export function totp(secret: Uint8Array, at: Date, digits = TOTP_DIGITS): string {
  return TOTP.generate({ secret: librarySecret(secret), algorithm: ALGORITHM, digits, period: TOTP_STEP_SECONDS, timestamp: at.getTime() });
}

/** True when the code matches the current step or one step either side. */
export function verifyTotp(secret: Uint8Array, code: string, at: Date): boolean {
  return matchTotpStep(secret, code, at) !== null;
}

/**
 * The step whose code this is (the current one or one either side), or null: a verifier that keeps the last
 * accepted step can refuse the same code twice (RFC 6238 § 5.2).
 */
export function matchTotpStep(secret: Uint8Array, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({
    token: code,
    secret: librarySecret(secret),
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_STEP_SECONDS,
    timestamp: at.getTime(),
    window: TOTP_DRIFT_STEPS,
  });
  return delta === null ? null : totpStep(at) + delta;
}

/** The otpauth:// address authenticator apps read from the QR code. */
export function otpauthUri(secret: Uint8Array, issuer: string, account: string): string {
  return new TOTP({ issuer, label: account, secret: librarySecret(secret), algorithm: ALGORITHM, digits: TOTP_DIGITS, period: TOTP_STEP_SECONDS }).toString();
}
