import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { badRequest, DomainError, forbidden, notFound } from "./errors";
import { domainErrorReply, refusalOf } from "./forms.server";

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

const submission = () => {
  const form = new FormData();
  form.set("title", "Board meeting");
  return parseWithZod(form, { schema: z.object({ title: z.string() }) });
};

describe("the one error convention", () => {
  it("throws error pages with their status and a JSON reason (never an empty body)", async () => {
    for (const [fn, status, reason] of [
      [notFound, 404, "not_found"],
      [forbidden, 403, "forbidden"],
      [badRequest, 400, "bad_request"],
    ] as const) {
      const response = thrown(fn) as Response;
      expect(response).toBeInstanceOf(Response);
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toContain("application/json");
      expect(await response.json()).toEqual({ reason });
    }
  });

  it("turns a module's 404 or 403 refusal into that page, not a form error that would say what exists", () => {
    expect((thrown(() => refusalOf(new DomainError("meetings:errors.notFound", { status: 404 }))) as Response).status).toBe(404);
    expect((thrown(() => domainErrorReply(submission(), new DomainError("meetings:errors.onlyAttendees", { status: 403 }))) as Response).status).toBe(403);
  });

  it("puts a refusal's key under its field, or on the form, with its status", () => {
    const onField = domainErrorReply(submission(), new DomainError("meetings:errors.endsBeforeStarts", { field: "endsAt" }));
    expect(onField.status).toBe(400);
    expect(onField.result.error).toEqual({ endsAt: ["meetings:errors.endsBeforeStarts"] });
    expect(onField.result.initialValue).toMatchObject({ title: "Board meeting" });
    const onForm = domainErrorReply(submission(), new DomainError("analyses:errors.closed", { status: 409 }));
    expect(onForm.status).toBe(409);
    expect(onForm.result.error).toEqual({ "": ["analyses:errors.closed"] });
  });

  it("rethrows anything that is not a DomainError (a bug is a 500, not a refusal)", () => {
    const bug = new TypeError("boom");
    expect(thrown(() => refusalOf(bug))).toBe(bug);
    expect(thrown(() => domainErrorReply(submission(), "a string"))).toBe("a string");
  });
});
