import { describe, expect, it } from "vitest";
import { countyTimeToDate } from "~/utils/clock";
import { ConcernFieldsSchema, OBSERVED_SKEW_MINUTES, withDateRules } from "./schemas";

const base = { kind: "other", description: "Seen at the corner", address: "1234 E 35th St", zip: "64130" };
const day = "2026-03-08";
/** 10:00 in the county on that day, whatever the hour this test runs at. */
const now = countyTimeToDate(day, "10:00");
const errorsOf = (over: Record<string, string>) => {
  const parsed = withDateRules(ConcernFieldsSchema, day, now).safeParse({ ...base, observedDate: day, ...over });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("the observed time", () => {
  it("may be now, earlier today, or a few minutes ahead (a phone's clock a little fast)", () => {
    expect(errorsOf({ observedTime: "09:00" })).toEqual([]);
    expect(errorsOf({ observedTime: "10:00" })).toEqual([]);
    expect(errorsOf({ observedTime: `10:0${OBSERVED_SKEW_MINUTES}` })).toEqual([]);
    expect(errorsOf({ observedDate: "2026-03-07", observedTime: "23:59" })).toEqual([]);
  });

  it("is refused when later than now on the county clock, with its own message", () => {
    expect(errorsOf({ observedTime: `10:0${OBSERVED_SKEW_MINUTES + 1}` })).toEqual(["observedTime: concerns:errors.futureTime"]);
    expect(errorsOf({ observedTime: "23:30" })).toEqual(["observedTime: concerns:errors.futureTime"]);
  });

  it("says what is wrong with each blank required field, never a generic message", () => {
    const parsed = withDateRules(ConcernFieldsSchema, day, now).safeParse({});
    const messages = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        "concerns:errors.kindRequired",
        "concerns:errors.descriptionRequired",
        "concerns:errors.dateRequired",
        "concerns:errors.addressRequired",
        "concerns:errors.zipRequired",
      ]),
    );
    expect(messages).not.toContain("common:errors.required");
  });

  it("an impossible time is a format error, not a crash", () => {
    expect(errorsOf({ observedTime: "25:99" })).toEqual(["observedTime: concerns:errors.time"]);
  });
});
