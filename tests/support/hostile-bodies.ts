/**
 * fast-check generators of hostile request bodies: mutations of a valid body (missing fields,
 * wrong types, huge strings, duplicate keys, control characters), random forms, raw bytes that
 * are not UTF-8, deep and malformed JSON, multipart with files where text is expected, and
 * bodies under the wrong content type.
 */
import fc from "fast-check";

export type HostileBody = { kind: string; contentType: string | null; body: string | Uint8Array | FormData | null };

/** A counterexample prints as its kind and the start of its body, not as a megabyte of "x". */
export function printable(input: HostileBody): HostileBody {
  const { body } = input;
  const summary =
    typeof body === "string"
      ? `${body.length} chars: ${JSON.stringify(body.slice(0, 300))}${body.length > 300 ? "…" : ""}`
      : body instanceof Uint8Array
        ? `${body.length} bytes: ${Buffer.from(body.slice(0, 60)).toString("hex")}`
        : body instanceof FormData
          ? `multipart fields ${JSON.stringify([...body.keys()].slice(0, 20))}`
          : "no body";
  return Object.assign(input, { [fc.toStringMethod]: () => `${input.kind} (${input.contentType ?? "no content type"}; ${summary})` });
}

const FORM = "application/x-www-form-urlencoded";

const nasty = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "\u0000\u0001\u001f",
  "\uFEFF",
  "\u202Eevil",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "%00",
  "%",
  "%%%",
  "../../etc/passwd",
  "null",
  "undefined",
  "[object Object]",
  "__proto__",
  "constructor",
  "0",
  "-1",
  "1e309",
  "NaN",
  "😀".repeat(50),
  "a@b",
  "@",
  "x".repeat(255) + "@example.org",
);

/** Strings of every sort, including a few huge ones. */
export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 40 }) },
  { weight: 3, arbitrary: nasty },
  { weight: 1, arbitrary: fc.constantFrom(1_000, 100_000, 1_000_000).map((n) => "x".repeat(n)) },
);

const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "prototype", "_action", "intent", "redirectTo", "id", "role"));

type Pairs = [string, string][];

/** Starts from a valid body and, per field, keeps, drops, replaces or duplicates it; may add stray keys. */
function mutated(valid: () => Record<string, string>): fc.Arbitrary<Pairs> {
  return fc
    .record({
      seed: fc.constant(null).map(() => valid()),
      ops: fc.array(fc.constantFrom("keep", "keep", "drop", "replace", "duplicate", "empty"), { minLength: 8, maxLength: 8 }),
      values: fc.array(hostileString, { minLength: 8, maxLength: 8 }),
      extra: fc.array(fc.tuple(key, hostileString), { maxLength: 3 }),
    })
    .map(({ seed, ops, values, extra }) => {
      const pairs: Pairs = [];
      Object.entries(seed).forEach(([k, v], i) => {
        const op = ops[i % ops.length]!;
        const value = values[i % values.length]!;
        if (op === "keep") pairs.push([k, v]);
        else if (op === "replace") pairs.push([k, value]);
        else if (op === "empty") pairs.push([k, ""]);
        else if (op === "duplicate") pairs.push([k, v], [k, value]);
      });
      return [...pairs, ...extra];
    });
}

const encodeForm = (pairs: Pairs) => new URLSearchParams(pairs).toString();

/** Bytes that are not valid UTF-8, raw or percent-encoded inside a form. */
const invalidUtf8 = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 512 }),
  fc.constantFrom(
    Uint8Array.from([0xff, 0xfe, 0xfd]),
    Uint8Array.from([0xc0, 0x80]),
    Uint8Array.from([0xed, 0xa0, 0x80]),
    Uint8Array.from([0xf4, 0x90, 0x80, 0x80]),
    Uint8Array.from([...Buffer.from("email="), 0xff, ...Buffer.from("&password="), 0xc3]),
  ),
);

const percentGarbage = fc
  .array(fc.tuple(key, fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 4 })
  .map((pairs) => pairs.map(([k, bytes]) => `${encodeURIComponent(k)}=${bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join("")}`).join("&"));

/** JSON of the wrong shape: wrong types, deep nesting, duplicate keys, malformed text. */
function hostileJson(valid: () => Record<string, string>): fc.Arbitrary<string> {
  const wrongValue = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
    hostileString,
  );
  const wrongTypes = fc
    .record({ seed: fc.constant(null).map(() => valid()), values: fc.array(wrongValue, { minLength: 8, maxLength: 8 }) })
    .map(({ seed, values }) => JSON.stringify(Object.fromEntries(Object.keys(seed).map((k, i) => [k, values[i % values.length]]))));
  const deep = fc
    .tuple(fc.constantFrom(100, 1_000, 10_000, 100_000), fc.constantFrom("[", '{"a":'))
    .map(([depth, open]) => open.repeat(depth) + "1" + (open === "[" ? "]" : "}").repeat(depth));
  const duplicateKeys = fc.constant(null).map(() => {
    const seed = valid();
    return (
      "{" +
      Object.entries(seed)
        .flatMap(([k, v]) => [`${JSON.stringify(k)}:${JSON.stringify(v)}`, `${JSON.stringify(k)}:{"$ne":null}`])
        .join(",") +
      "}"
    );
  });
  const malformed = fc.constantFrom("{", "{not json", '{"a":}', "[1,2", "\u0000", "null", "true", "1", '"string"', "[]", '{"__proto__":{"admin":true}}');
  return fc.oneof(wrongTypes, deep, duplicateKeys, malformed, fc.json({ maxDepth: 4 }));
}

/** Every kind of body, under its own or a wrong content type. */
export function hostileBody(valid: () => Record<string, string>): fc.Arbitrary<HostileBody> {
  const form = mutated(valid);
  return fc.oneof(
    { weight: 4, arbitrary: form.map((pairs): HostileBody => ({ kind: "mutated form", contentType: FORM, body: encodeForm(pairs) })) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.tuple(key, hostileString), { maxLength: 6 })
        .map((pairs): HostileBody => ({ kind: "random form", contentType: FORM, body: encodeForm(pairs) })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(invalidUtf8, fc.constantFrom(FORM, "multipart/form-data; boundary=xyz", "text/plain; charset=utf-8", null))
        .map(([bytes, contentType]): HostileBody => ({ kind: "invalid UTF-8 bytes", contentType, body: bytes })),
    },
    { weight: 1, arbitrary: percentGarbage.map((body): HostileBody => ({ kind: "percent-encoded invalid UTF-8", contentType: FORM, body })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(hostileJson(valid), fc.constantFrom("application/json", "application/json; charset=utf-8", FORM))
        .map(([body, contentType]): HostileBody => ({ kind: "hostile JSON", contentType, body })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(form, fc.boolean()).map(([pairs, withFile]): HostileBody => {
        const data = new FormData();
        pairs.forEach(([k, v], i) => (withFile && i === 0 ? data.append(k, new Blob([v]), "upload.bin") : data.append(k, v)));
        return { kind: withFile ? "multipart with a file for a text field" : "multipart form", contentType: null, body: data };
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          form,
          fc.constantFrom(
            "text/plain",
            "application/xml",
            "application/octet-stream",
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "image/png",
            "",
            null,
          ),
        )
        .map(([pairs, contentType]): HostileBody => ({ kind: "wrong content type", contentType, body: encodeForm(pairs) })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(FORM, "application/json", null).map((contentType): HostileBody => ({ kind: "empty body", contentType, body: null })),
    },
  );
}

/** The extreme cases every endpoint always gets, beside the random ones. */
export function fixedHostileBodies(valid: () => Record<string, string>): HostileBody[] {
  const seed = valid();
  const keys = Object.keys(seed);
  return [
    { kind: "empty body", contentType: FORM, body: "" },
    { kind: "huge field", contentType: FORM, body: encodeForm(keys.map((k) => [k, "x".repeat(1_000_000)])) },
    { kind: "many fields", contentType: FORM, body: Array.from({ length: 20_000 }, (_, i) => `f${i}=1`).join("&") },
    {
      kind: "duplicate keys",
      contentType: FORM,
      body: encodeForm(
        keys.flatMap((k): Pairs => [
          [k, seed[k]!],
          [k, "second"],
        ]),
      ),
    },
    { kind: "deep JSON", contentType: "application/json", body: "[".repeat(200_000) + "]".repeat(200_000) },
    { kind: "invalid UTF-8 bytes", contentType: FORM, body: Uint8Array.from([...Buffer.from(`${keys[0] ?? "a"}=`), 0xff, 0xfe, 0xc3, 0x28]) },
    { kind: "NUL bytes", contentType: FORM, body: encodeForm(keys.map((k) => [k, `\u0000${seed[k]}\u0000`])) },
    { kind: "wrong content type", contentType: "application/json", body: encodeForm(Object.entries(seed)) },
  ];
}

/**
 * Hostile search parameters for a GET page: mutated and random parameters, percent-encoded
 * bytes that are not UTF-8, broken escapes, repeated keys. Kept under 8 KB: a longer request
 * line is Node's to refuse (431), before the app sees it.
 */
export function hostileQuery(valid: () => Record<string, string>): fc.Arbitrary<HostileBody> {
  const cap = (query: string) => query.slice(0, 8_000);
  const short = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), nasty, fc.constant("x".repeat(5_000)));
  const mutatedQuery = fc
    .record({
      seed: fc.constant(null).map(() => valid()),
      ops: fc.array(fc.constantFrom("keep", "drop", "replace", "duplicate", "empty"), { minLength: 8, maxLength: 8 }),
      values: fc.array(short, { minLength: 8, maxLength: 8 }),
    })
    .map(({ seed, ops, values }) => {
      const pairs: Pairs = [];
      Object.entries(seed).forEach(([k, v], i) => {
        const op = ops[i % ops.length]!;
        if (op === "keep") pairs.push([k, v]);
        else if (op === "replace") pairs.push([k, values[i % values.length]!]);
        else if (op === "empty") pairs.push([k, ""]);
        else if (op === "duplicate") pairs.push([k, v], [k, values[i % values.length]!]);
      });
      return encodeForm(pairs);
    });
  const brokenEscapes = fc.constant(null).map(() => {
    const [k] = Object.keys(valid());
    return `${k ?? "q"}=%E0%A4%A&${k ?? "q"}=%&%zz=1&=&&&${k ?? "q"}[]=1&${k ?? "q"}[a]=2`;
  });
  return fc
    .oneof(
      { weight: 4, arbitrary: mutatedQuery.map((q) => ({ kind: "mutated query", q })) },
      { weight: 2, arbitrary: fc.array(fc.tuple(key, short), { maxLength: 6 }).map((pairs) => ({ kind: "random query", q: encodeForm(pairs) })) },
      { weight: 2, arbitrary: percentGarbage.map((q) => ({ kind: "percent-encoded invalid UTF-8", q })) },
      { weight: 1, arbitrary: brokenEscapes.map((q) => ({ kind: "broken percent escapes", q })) },
    )
    .map(({ kind, q }): HostileBody => ({ kind, contentType: null, body: cap(q) }));
}

/** Multipart uploads: the valid fields mutated, with the expected file, a hostile one or none. */
export function hostileMultipart(
  valid: () => Record<string, string>,
  file: { field: string; name: string; type: string; content: () => string },
): fc.Arbitrary<HostileBody> {
  const fileContent = fc.oneof(
    fc.constant(null).map(() => file.content()),
    fc.constant(null).map(() => file.content().replace(/\n.*$/s, "\n")), // the header only
    fc.constant(null).map(() =>
      file
        .content()
        .split("\n")
        .map((line, i) => (i === 3 ? line.replace(/,/g, ";") : line))
        .join("\n"),
    ),
    hostileString,
    fc.uint8Array({ maxLength: 2_000 }),
    fc.constant(""),
  );
  const name = fc.oneof(fc.constant(file.name), fc.constant("../../etc/passwd"), fc.string({ maxLength: 300 }), fc.constant("x".repeat(1_000) + ".csv"));
  return fc
    .record({ pairs: mutated(valid), content: fileContent, filename: name, withFile: fc.boolean() })
    .map(({ pairs, content, filename, withFile }): HostileBody => {
      const data = new FormData();
      for (const [k, v] of pairs) data.append(k, v);
      if (withFile) data.append(file.field, new Blob([content as BlobPart], { type: file.type }), filename || "x");
      return { kind: withFile ? "multipart upload" : "multipart without the file", contentType: null, body: data };
    });
}
