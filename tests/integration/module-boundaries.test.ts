import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The boundary rule of eslint.config.js, tried on planted files: a deep import across modules and
// a foreign-table import must fail `npm run lint`; the public surfaces must pass.
const eslint = new ESLint({ cwd: process.cwd() });

async function errorsOf(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.line}:${m.message.split("'")[1]}`);
}

describe("module boundaries (lint)", () => {
  it("refuses a deep import into another module, from a route and from a module", async () => {
    expect(await errorsOf("app/routes/planted.tsx", `import { hasRole } from "~/modules/auth/roles";\nexport const x = hasRole;\n`)).toEqual([
      "1:~/modules/auth/roles",
    ]);
    expect(
      await errorsOf("app/modules/briefs/planted.server.ts", `import { userById } from "~/modules/auth/queries.server";\nexport const x = userById;\n`),
    ).toEqual(["1:~/modules/auth/queries.server"]);
    expect(
      await errorsOf("app/routes/planted.tsx", `import { publishBrief } from "../modules/briefs/service.server";\nexport const x = publishBrief;\n`),
    ).toEqual(["1:../modules/briefs/service.server"]);
  });

  it("refuses another module's tables and the schema barrel", async () => {
    expect(await errorsOf("app/modules/briefs/planted.server.ts", `import { users } from "~/db/schema/auth";\nexport const x = users;\n`)).toEqual([
      "1:~/db/schema/auth",
    ]);
    expect(await errorsOf("app/modules/briefs/planted.server.ts", `import { briefs } from "~/db/schema";\nexport const x = briefs;\n`)).toEqual([
      "1:~/db/schema",
    ]);
    expect(await errorsOf("app/routes/planted.tsx", `import { briefs } from "~/db/schema/briefs";\nexport const x = briefs;\n`)).toEqual([
      "1:~/db/schema/briefs",
    ]);
  });

  it("accepts the public surfaces and a module's own files and tables", async () => {
    const route = [
      `import { requireRole } from "~/modules/auth/index.server";`,
      `import { ROLES } from "~/modules/auth";`,
      `import { LoginSchema } from "~/modules/auth/schemas";`,
      `import { BriefForm } from "~/modules/briefs/ui/brief-form";`,
      `export const x = [requireRole, ROLES, LoginSchema, BriefForm];`,
    ].join("\n");
    expect(await errorsOf("app/routes/planted.tsx", route)).toEqual([]);
    const own = [
      `import { briefs } from "~/db/schema/briefs";`,
      `import { listBriefs } from "./queries.server";`,
      `import { requireRole } from "~/modules/auth/index.server";`,
      `export const x = [briefs, listBriefs, requireRole];`,
    ].join("\n");
    expect(await errorsOf("app/modules/briefs/planted.server.ts", own)).toEqual([]);
  });
});
