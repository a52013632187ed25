import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { z } from "zod";
import { badRequest, DomainError, forbidden, notFound } from "./errors";

/** Reads a form body; a body that is not a form is the client's mistake (400), not ours (500). */
export async function readFormData(request: Request): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    badRequest();
  }
  // No form field legitimately holds U+0000 and PostgreSQL text cannot store it (a 500 later):
  // drop it here, once, rather than refuse what the person typed.
  let hasNul = false;
  for (const [key, value] of formData) if (key.includes("\u0000") || (typeof value === "string" && value.includes("\u0000"))) hasNul = true;
  if (!hasNul) return formData;
  const clean = new FormData();
  for (const [key, value] of formData) clean.append(key.replaceAll("\u0000", ""), typeof value === "string" ? value.replaceAll("\u0000", "") : value);
  return clean;
}

/** Parses a submitted form against a zod schema (conform), on the server. */
export async function parseForm<Schema extends z.ZodTypeAny>(request: Request, schema: Schema) {
  const formData = await readFormData(request);
  return { formData, submission: parseWithZod(formData, { schema }) };
}

/** What conform's `parseWithZod` returns, as far as replying goes. */
export type Reply = {
  reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] }) => SubmissionResult<string[]>;
};

/**
 * The one way a route answers a module's refusal: a `DomainError` with status 404 or 403 is that
 * error page (thrown, like `notFound()`); any other `DomainError` is returned for the form to show;
 * anything that is not a `DomainError` is rethrown (a bug, not a refusal).
 */
export function refusalOf(error: unknown): DomainError {
  if (!(error instanceof DomainError)) throw error;
  if (error.status === 404) notFound();
  if (error.status === 403) forbidden();
  return error;
}

/** `refusalOf` as conform's reply: the key on its field (or on the form), with the error's status. */
export function domainErrorReply(submission: Reply, error: unknown): { result: SubmissionResult<string[]>; status: number } {
  const refusal = refusalOf(error);
  const result = refusal.field ? submission.reply({ fieldErrors: { [refusal.field]: [refusal.key] } }) : submission.reply({ formErrors: [refusal.key] });
  return { result, status: refusal.status };
}

/**
 * The one `intent` of a form with several buttons, when it is one of `allowed` (or `fallback`
 * when the form names none). Anything else — an unknown intent, or two of them — is not a form
 * of this page: a 400 error page that says so, rather than errors for a form the page never shows.
 */
export function readIntent<T extends string>(formData: FormData, allowed: readonly T[], fallback?: T): T {
  const all = formData.getAll("intent");
  if (all.length === 0 && fallback) return fallback;
  const [intent] = all;
  if (all.length !== 1 || typeof intent !== "string" || !(allowed as readonly string[]).includes(intent)) badRequest();
  return intent as T;
}
