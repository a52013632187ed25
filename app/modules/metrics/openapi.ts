import { DIMENSIONS } from "./catalogue";

const API_GRAINS = ["month", "quarter", "year", "all"];

/** Every path of the open-data API, as listed in its OpenAPI document (a test holds the two together). */
export const API_PATHS = [
  "/api/v1",
  "/api/v1/measures",
  "/api/v1/measures/{key}",
  "/api/v1/measures/{key}/cells",
  "/api/v1/openapi.json",
  "/api/v1/time-to-decision",
] as const;

const localized = { type: "object", required: ["en", "es"], properties: { en: { type: "string" }, es: { type: "string" } } };
const error = { description: "Not found or not offered", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
const json = (ref: string, description: string) => ({ description, content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } });
const keyParam = {
  name: "key",
  in: "path",
  required: true,
  description: "A measure's key, as listed by /api/v1/measures.",
  schema: { type: "string", pattern: "^[a-z0-9_]+$" },
};

/** The OpenAPI 3.1 description of /api/v1, written by hand to match the routes (served at /api/v1/openapi.json). */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "CAB Portal open data",
      version: "1.0.0",
      summary: "The published cells of the public dashboard: the same numbers, with the same suppression, as the pages.",
      description:
        "Read-only. Every number is a published cell of the one publication the dashboard pages read. Counts from 1 to 10 are withheld as " +
        '"fewer than 11" (state "primary"); some larger counts are withheld too (state "complementary") so that a hidden count cannot be ' +
        "worked out from the others. A withheld cell has count null. Only the combinations a measure lists are offered; any other is a 404. " +
        "Cross-origin reads are allowed (Access-Control-Allow-Origin: *, no credentials). Responses are cacheable (s-maxage=60, ETag).",
      license: { name: "Public data" },
    },
    servers: [{ url: serverUrl }],
    paths: {
      "/api/v1": { get: { operationId: "index", summary: "Where everything is", responses: { "200": json("Index", "Links to the API's resources") } } },
      "/api/v1/measures": {
        get: { operationId: "listMeasures", summary: "Every public measure with its definitions", responses: { "200": json("MeasureList", "The measures") } },
      },
      "/api/v1/measures/{key}": {
        get: {
          operationId: "getMeasure",
          summary: "One measure and the combinations offered for it",
          parameters: [keyParam],
          responses: { "200": json("MeasureWithCombinations", "The measure"), "404": error },
        },
      },
      "/api/v1/measures/{key}/cells": {
        get: {
          operationId: "getCells",
          summary: "The published cells of one offered combination",
          parameters: [
            keyParam,
            {
              name: "grain",
              in: "query",
              required: false,
              schema: { type: "string", enum: API_GRAINS, default: "year" },
              description: "Periods: months, quarters, years, or all years together.",
            },
            {
              name: "by",
              in: "query",
              required: false,
              schema: { type: "string", enum: [...DIMENSIONS] },
              description: "Break down by one dimension (grain=year only, case measures only).",
            },
            { name: "year", in: "query", required: false, schema: { type: "string", pattern: "^\\d{4}$" }, description: "Only the periods of one year." },
          ],
          responses: { "200": json("Cells", "The cells"), "404": error },
        },
      },
      "/api/v1/time-to-decision": {
        get: {
          operationId: "getTimeToDecision",
          summary: "Days from referral to the filing decision and to disposition: quantiles by year referred, in total and by race/ethnicity",
          description:
            "Nearest-rank percentiles (25th, median, 75th, 90th) in whole days. A year or group with fewer than `minimumBase` cases is " +
            '"insufficient" and carries no figures. The number of cases is not given.',
          parameters: [{ name: "year", in: "query", required: false, schema: { type: "string", pattern: "^\\d{4}$" }, description: "Only one year referred." }],
          responses: { "200": json("DayStats", "The distributions"), "404": error },
        },
      },
      "/api/v1/openapi.json": {
        get: { operationId: "openapi", summary: "This document", responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": {} } } } },
      },
    },
    components: {
      schemas: {
        Localized: localized,
        Index: {
          type: "object",
          properties: {
            measures: { type: "string", format: "uri" },
            openapi: { type: "string", format: "uri" },
            documentation: { type: "string", format: "uri" },
          },
        },
        Measure: {
          type: "object",
          required: ["key", "kind", "unit", "name", "definition", "numerator"],
          properties: {
            key: { type: "string" },
            kind: { type: "string", enum: ["case", "program", "concern"] },
            unit: { type: "string", enum: ["count", "percent"] },
            stage: { type: ["string", "null"] },
            name: { $ref: "#/components/schemas/Localized" },
            definition: { $ref: "#/components/schemas/Localized" },
            numerator: { $ref: "#/components/schemas/Localized" },
            denominator: {
              oneOf: [
                { type: "null" },
                { type: "object", properties: { measure: { type: "string" }, en: { type: ["string", "null"] }, es: { type: ["string", "null"] } } },
              ],
            },
            updatedAt: { type: "string", format: "date-time" },
          },
        },
        MeasureList: { type: "object", required: ["measures"], properties: { measures: { type: "array", items: { $ref: "#/components/schemas/Measure" } } } },
        Combination: {
          type: "object",
          required: ["grain", "by", "cells"],
          properties: {
            grain: { type: "string", enum: API_GRAINS },
            by: { type: ["string", "null"], enum: [...DIMENSIONS, null] },
            values: { type: "array", items: { type: "string" } },
            cells: { type: "string", format: "uri-reference" },
          },
        },
        MeasureWithCombinations: {
          allOf: [
            { $ref: "#/components/schemas/Measure" },
            { type: "object", properties: { combinations: { type: "array", items: { $ref: "#/components/schemas/Combination" } } } },
          ],
        },
        Cell: {
          type: "object",
          required: ["period", "state", "count", "text"],
          properties: {
            period: { type: "string", description: "YYYY-MM, YYYY-Qn, YYYY or all" },
            dimension: { type: ["string", "null"] },
            value: { type: ["string", "null"] },
            state: { type: "string", enum: ["shown", "primary", "complementary"] },
            count: { type: ["integer", "null"], description: "null unless state is shown" },
            text: { type: "string", description: 'The number, "fewer than 11" or "suppressed"' },
          },
        },
        Cells: {
          type: "object",
          required: ["measure", "grain", "by", "cells"],
          properties: {
            measure: { type: "string" },
            grain: { type: "string", enum: API_GRAINS },
            by: { type: ["string", "null"] },
            publishedAt: { type: ["string", "null"], format: "date-time" },
            cells: { type: "array", items: { $ref: "#/components/schemas/Cell" } },
          },
        },
        DayStat: {
          type: "object",
          required: ["stat", "period", "state", "p25", "p50", "p75", "p90"],
          properties: {
            stat: { type: "string", enum: ["decision_days", "disposition_days"] },
            period: { type: "string", description: "Year referred (YYYY)" },
            dimension: { type: ["string", "null"], enum: ["race", null] },
            value: { type: ["string", "null"] },
            state: { type: "string", enum: ["shown", "insufficient"] },
            p25: { type: ["integer", "null"] },
            p50: { type: ["integer", "null"], description: "The median; null unless state is shown" },
            p75: { type: ["integer", "null"] },
            p90: { type: ["integer", "null"] },
          },
        },
        DayStats: {
          type: "object",
          required: ["minimumBase", "stats"],
          properties: {
            publishedAt: { type: ["string", "null"], format: "date-time" },
            minimumBase: { type: "integer" },
            stats: { type: "array", items: { $ref: "#/components/schemas/DayStat" } },
          },
        },
        Error: { type: "object", required: ["error"], properties: { error: { type: "string" }, message: { type: "string" } } },
      },
    },
  };
}
