// TOTP secrets must be readable by the server (to compute codes) but not by whoever copies the table:
// they are sealed with AES-256-GCM under a key derived from the session secret.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "declic-second-factor", "totp-secret", 32));
}

export function sealSecret(plain: Uint8Array, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secret), iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

export function openSecret(sealed: string, secret: string): Buffer {
  const [iv, tag, body] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()]);
}

/** Recovery codes are stored hashed, keyed per user so equal codes of two people never collide. */
export function hashRecoveryCode(userId: string, code: string): string {
  return createHash("sha256").update(`${userId}:${code}`).digest("hex");
}
