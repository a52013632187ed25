import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { VOTE_CHOICES, type VoteChoice } from "./tally";

/**
 * Sealing an informal poll's choices. The key never enters the database: it is
 * BALLOT_SEAL_KEY (64 hex characters or base64 of 32 bytes), required in production. In
 * development, without it, a random key is generated once into BALLOT_SEAL_KEY_FILE
 * (default `.data/ballot-seal.key`, mode 0600) and reused by every process.
 *
 * A sealed choice is iv (12 random bytes) ‖ GCM tag (16) ‖ ciphertext of a 16-byte block
 * (the choice's index and 15 random bytes), so every choice seals to 44 bytes. The ballot id
 * is the associated data: a sealed row moved to another ballot does not open.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BLOCK_BYTES = 16;
export const SEALED_BYTES = IV_BYTES + TAG_BYTES + BLOCK_BYTES;

let cached: { source: string; key: Buffer } | null = null;

function parseKey(value: string): Buffer {
  const trimmed = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new Error("BALLOT_SEAL_KEY must be 32 bytes: 64 hex characters or base64");
  return key;
}

function developmentKeyFile() {
  return path.resolve(process.env.BALLOT_SEAL_KEY_FILE ?? ".data/ballot-seal.key");
}

function loadKey(): Buffer {
  const env = process.env.BALLOT_SEAL_KEY;
  const source = env ? `env:${env}` : `file:${developmentKeyFile()}`;
  if (cached?.source === source) return cached.key;
  let key: Buffer;
  if (env) key = parseKey(env);
  else if (process.env.NODE_ENV === "production") throw new Error("BALLOT_SEAL_KEY is required in production (informal polls are sealed with it)");
  else {
    const file = developmentKeyFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      // "wx": only the first process writes it; the others read what it wrote.
      fs.writeFileSync(file, crypto.randomBytes(32).toString("hex") + "\n", { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    key = parseKey(fs.readFileSync(file, "utf8"));
  }
  cached = { source, key };
  return key;
}

export function sealChoice(ballotId: string, choice: VoteChoice): Buffer {
  const index = VOTE_CHOICES.indexOf(choice);
  if (index < 0) throw new Error("unknown choice");
  const block = crypto.randomBytes(BLOCK_BYTES);
  block[0] = index;
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", loadKey(), iv);
  cipher.setAAD(Buffer.from(`ballot:${ballotId}`));
  const body = Buffer.concat([cipher.update(block), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Opens a sealed choice; throws if it was not sealed for this ballot with this key. */
export function openChoice(ballotId: string, sealed: Buffer): VoteChoice {
  if (sealed.length !== SEALED_BYTES) throw new Error("sealed choice has the wrong length");
  const decipher = crypto.createDecipheriv("aes-256-gcm", loadKey(), sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(`ballot:${ballotId}`));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  const block = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  const choice = VOTE_CHOICES[block[0]!];
  if (!choice) throw new Error("sealed choice holds no known choice");
  return choice;
}

/** Fisher–Yates with a cryptographic source: the order of opened choices says nothing. */
export function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
