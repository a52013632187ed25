/**
 * The app's one error convention (browser-safe: no server imports).
 *
 * A module refuses with a `DomainError`: an i18n key ("meetings:errors.quorumNotMet"), the HTTP
 * status it means (400 a fix-your-input refusal, 403 not allowed, 404 no such thing, 409 the state
 * changed), optionally the form field it is about and values for the message. Routes turn it into a
 * form error or an error page with `domainErrorReply` (app/utils/forms.server.ts); a route that finds
 * nothing throws `notFound()` (the root ErrorBoundary renders the page, as for unknown addresses).
 */
export class DomainError extends Error {
  readonly key: string;
  readonly status: number;
  readonly field?: string;
  readonly values?: Record<string, string | number>;

  constructor(key: string, options: { status?: number; field?: string; values?: Record<string, string | number> } = {}) {
    super(key);
    this.name = "DomainError";
    this.key = key;
    this.status = options.status ?? 400;
    this.field = options.field;
    this.values = options.values;
  }
}

/**
 * An error page's response: a JSON `reason` (what a resource route or a `?_data` fetch answers; a
 * document request renders the root ErrorBoundary for the status).
 */
function errorPage(status: number, reason: string): Response {
  return new Response(JSON.stringify({ reason }), { status, headers: { "Content-Type": "application/json; charset=utf-8" } });
}

/** A 404 page: the same one every unknown address gets (routes/$.tsx, root ErrorBoundary). */
export function notFound(): never {
  throw errorPage(404, "not_found");
}

/** A 400 page: a request no form of ours sends (a body that is not a form, an unknown intent). */
export function badRequest(): never {
  throw errorPage(400, "bad_request");
}

/** A 403 page. */
export function forbidden(): never {
  throw errorPage(403, "forbidden");
}
