import { enforceRateLimits } from "~/utils/rate-limit.server";
import { normalizeEmail } from "./service.server";

const PER_ACCOUNT = 10;
// The e2e server raises the per-address limit (every browser there is 127.0.0.1); the per-account one never changes.
const perAddress = () => Number(process.env.AUTH_RATE_LIMIT_PER_IP ?? 10);

/**
 * Login and password reset: 10 attempts a minute per client address and per account. Routes call
 * it twice: with the address alone before they read the body (a refused client costs no parsing),
 * then with the email once it is known.
 */
export async function enforceAuthRateLimit(action: "login" | "reset", clientIp: string | null, email: unknown) {
  if (clientIp !== null) await enforceRateLimits([`${action}:ip:${clientIp}`], perAddress());
  if (typeof email === "string" && email.trim()) {
    await enforceRateLimits([`${action}:account:${normalizeEmail(email).slice(0, 254)}`], PER_ACCOUNT);
  }
}
