import { enforceRateLimits } from "~/utils/rate-limit.server";
import { normalizeEmail } from "./service.server";

const PER_ACCOUNT = 10;
// The e2e server raises the per-address limit (every browser there is 127.0.0.1); the per-account one never changes.
const perAddress = () => Number(process.env.AUTH_RATE_LIMIT_PER_IP ?? 10);

/** Login and password reset: 10 attempts a minute per client address and per account. */
export async function enforceAuthRateLimit(action: "login" | "reset", clientIp: string, email: unknown) {
  await enforceRateLimits([`${action}:ip:${clientIp}`], perAddress());
  if (typeof email === "string" && email.trim()) {
    await enforceRateLimits([`${action}:account:${normalizeEmail(email).slice(0, 254)}`], PER_ACCOUNT);
  }
}
