import crypto from "node:crypto";
import postgres from "postgres";
import { afterAll, inject } from "vitest";

/**
 * Each test file gets a fresh database cloned from the migrated template: a real
 * PostgreSQL, isolated, and fast (a clone takes milliseconds).
 */
const adminUrl = inject("pgAdminUrl");
const template = inject("templateDb");
const name = `test_${crypto.randomBytes(6).toString("hex")}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name} template ${template}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();

afterAll(async () => {
  const { closeDatabase } = await import("~/db/client.server");
  await closeDatabase();
  const { closeTestApp } = await import("../support/app");
  await closeTestApp();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});
