import crypto from "node:crypto";

/** A random, URL-safe token for emailed links; only its SHA-256 is stored. */
export function createToken() {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}
