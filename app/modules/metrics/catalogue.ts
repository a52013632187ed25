/**
 * The metrics vocabulary shared by the import, the facts, the dashboard and the seeds:
 * dimension values, the CSV columns, and the catalogue of measures.
 */

export const OFFENSE_CATEGORIES = ["violent", "property", "drug", "weapons", "public_order", "traffic", "other"] as const;
export const RACE_ETHNICITIES = ["black", "white", "hispanic", "asian", "native", "other", "unknown"] as const;
export const SEXES = ["female", "male", "unknown"] as const;
export const AGE_BANDS = ["under_18", "18_24", "25_34", "35_44", "45_54", "55_plus", "unknown"] as const;
export const DRUG_LEVELS = ["user", "sale"] as const;
export const DECLINE_REASONS = ["insufficient_evidence", "no_documented_concern", "victim_witness", "interest_of_justice", "other"] as const;
/** The grounds a drug filing cites under the charging policy (empty in the data = not recorded). */
export const FILING_GROUNDS = ["community_concern", "violence_connection"] as const;
export const DISPOSITIONS = ["plea", "trial_conviction", "dismissed", "acquitted", "diversion_completed", "other"] as const;

/** Public dimensions: URL filter name → facts column. */
export const DIMENSIONS = ["offense", "agency", "race", "sex", "age", "zip"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const DIMENSION_COLUMN: Record<Dimension, string> = {
  offense: "offense_category",
  agency: "referring_agency",
  race: "race_ethnicity",
  sex: "sex",
  age: "age_band",
  zip: "zip",
};
/** Dimensions whose values are a fixed list (translated); the others are codes from the data. */
export const DIMENSION_VALUES: Partial<Record<Dimension, readonly string[]>> = {
  offense: OFFENSE_CATEGORIES,
  race: RACE_ETHNICITIES,
  sex: SEXES,
  age: AGE_BANDS,
};

export const GRAINS = ["year", "quarter", "month"] as const;
export type Grain = (typeof GRAINS)[number];

export type CsvColumn = { name: string; required: boolean; format: string; values?: readonly string[] };

/** The import's columns, modelled on public prosecutor case datasets (one row per case participant). */
export const CSV_COLUMNS: CsvColumn[] = [
  { name: "case_id", required: true, format: "text" },
  { name: "participant_id", required: true, format: "text" },
  { name: "received_date", required: true, format: "date" },
  { name: "offense_category", required: true, format: "code", values: OFFENSE_CATEGORIES },
  { name: "drug_level", required: false, format: "code", values: DRUG_LEVELS },
  { name: "race_ethnicity", required: true, format: "code", values: RACE_ETHNICITIES },
  { name: "sex", required: true, format: "code", values: SEXES },
  { name: "age_band", required: true, format: "code", values: AGE_BANDS },
  { name: "referring_agency", required: true, format: "agency" },
  { name: "zip", required: true, format: "zip" },
  { name: "filed_date", required: false, format: "date" },
  { name: "filing_grounds", required: false, format: "code", values: FILING_GROUNDS },
  { name: "declined_date", required: false, format: "date" },
  { name: "decline_reason", required: false, format: "code", values: DECLINE_REASONS },
  { name: "diverted_date", required: false, format: "date" },
  { name: "disposed_date", required: false, format: "date" },
  { name: "sentenced_date", required: false, format: "date" },
  { name: "disposition", required: false, format: "code", values: DISPOSITIONS },
  { name: "firearm_recovered", required: true, format: "boolean" },
];
export const CSV_HEADER = CSV_COLUMNS.map((c) => c.name);

export type MeasureDef = {
  key: string;
  kind: "case" | "program" | "context" | "concern";
  nameEn: string;
  nameEs: string;
  definitionEn: string;
  definitionEs: string;
  numeratorEn: string;
  numeratorEs: string;
  denominatorKey?: string;
  denominatorEn?: string;
  denominatorEs?: string;
  unit: "count" | "percent";
  stage?: "referred" | "filed" | "declined" | "diverted" | "disposed" | "sentenced";
  direction: "up" | "down" | "neutral";
  monthlyTarget?: number;
  /** Yearly target, for program measures whose target is set per year (Partners for Peace referrals: 500). */
  yearlyTarget?: number;
  /** For case measures: which case rows count (SQL over metric_cases aliased c). */
  condition?: string;
};

const REFERRED = { denominatorKey: "referred", denominatorEn: "Cases referred in the period", denominatorEs: "Casos remitidos en el período" };
const DRUG_REFERRED = {
  denominatorKey: "drug_referred",
  denominatorEn: "Non-violent drug cases referred in the period",
  denominatorEs: "Casos de drogas no violentos remitidos en el período",
};

/** Case measures count case participants by the month their case was received (a cohort). */
export const MEASURES: MeasureDef[] = [
  {
    key: "referred",
    kind: "case",
    nameEn: "Cases referred",
    nameEs: "Casos remitidos",
    definitionEn: "Case participants referred to the office by a law enforcement agency, by the month the referral was received.",
    definitionEs: "Participantes en casos remitidos a la fiscalía por una agencia policial, según el mes en que se recibió la remisión.",
    numeratorEn: "Case participants received in the period",
    numeratorEs: "Participantes en casos recibidos en el período",
    unit: "count",
    stage: "referred",
    direction: "neutral",
    condition: "true",
  },
  {
    key: "filed",
    kind: "case",
    nameEn: "Cases filed",
    nameEs: "Casos presentados",
    definitionEn: "Referred case participants against whom the office filed charges, as a share of those referred in the same month.",
    definitionEs: "Participantes remitidos contra quienes la fiscalía presentó cargos, como proporción de los remitidos en el mismo mes.",
    numeratorEn: "Referred case participants with a filing date",
    numeratorEs: "Participantes remitidos con fecha de presentación de cargos",
    ...REFERRED,
    unit: "percent",
    stage: "filed",
    direction: "neutral",
    condition: "c.filed_date is not null",
  },
  {
    key: "declined",
    kind: "case",
    nameEn: "Cases declined",
    nameEs: "Casos rechazados",
    definitionEn: "Referred case participants the office declined to charge (with a recorded reason), as a share of those referred.",
    definitionEs: "Participantes remitidos a quienes la fiscalía decidió no acusar (con motivo registrado), como proporción de los remitidos.",
    numeratorEn: "Referred case participants with a declination date",
    numeratorEs: "Participantes remitidos con fecha de rechazo",
    ...REFERRED,
    unit: "percent",
    stage: "declined",
    direction: "neutral",
    condition: "c.declined_date is not null",
  },
  {
    key: "diverted",
    kind: "case",
    nameEn: "Cases diverted",
    nameEs: "Casos derivados a programas alternativos",
    definitionEn: "Referred case participants diverted to a program instead of prosecution, as a share of those referred.",
    definitionEs: "Participantes remitidos derivados a un programa en lugar de ser procesados, como proporción de los remitidos.",
    numeratorEn: "Referred case participants with a diversion date",
    numeratorEs: "Participantes remitidos con fecha de derivación",
    ...REFERRED,
    unit: "percent",
    stage: "diverted",
    direction: "up",
    condition: "c.diverted_date is not null",
  },
  {
    key: "disposed",
    kind: "case",
    nameEn: "Cases disposed",
    nameEs: "Casos resueltos",
    definitionEn: "Referred case participants whose case reached a disposition (plea, verdict, dismissal or completed diversion).",
    definitionEs: "Participantes remitidos cuyo caso llegó a una resolución (acuerdo, veredicto, desestimación o programa completado).",
    numeratorEn: "Referred case participants with a disposition date",
    numeratorEs: "Participantes remitidos con fecha de resolución",
    unit: "count",
    stage: "disposed",
    direction: "neutral",
    condition: "c.disposed_date is not null",
  },
  {
    key: "sentenced",
    kind: "case",
    nameEn: "Cases sentenced",
    nameEs: "Casos con sentencia",
    definitionEn: "Referred case participants who were sentenced after a conviction.",
    definitionEs: "Participantes remitidos que recibieron una sentencia tras una condena.",
    numeratorEn: "Referred case participants with a sentencing date",
    numeratorEs: "Participantes remitidos con fecha de sentencia",
    unit: "count",
    stage: "sentenced",
    direction: "neutral",
    condition: "c.sentenced_date is not null",
  },
  {
    key: "drug_referred",
    kind: "case",
    nameEn: "Non-violent drug cases referred",
    nameEs: "Casos de drogas no violentos remitidos",
    definitionEn: "Referred case participants whose most serious referred offense is a non-violent drug offense, as a share of all referrals.",
    definitionEs: "Participantes remitidos cuyo delito más grave es un delito de drogas no violento, como proporción de todas las remisiones.",
    numeratorEn: "Referred case participants with offense category drug",
    numeratorEs: "Participantes remitidos con categoría de delito drogas",
    ...REFERRED,
    unit: "percent",
    stage: "referred",
    direction: "down",
    condition: "c.offense_category = 'drug'",
  },
  {
    key: "drug_sale_referred",
    kind: "case",
    nameEn: "Drug-sale cases referred",
    nameEs: "Casos de venta de drogas remitidos",
    definitionEn: "Referred non-violent drug case participants charged at the sale (distribution) level, as a share of drug referrals.",
    definitionEs: "Participantes en casos de drogas no violentos remitidos al nivel de venta (distribución), como proporción de las remisiones de drogas.",
    numeratorEn: "Drug referrals at the sale level",
    numeratorEs: "Remisiones de drogas al nivel de venta",
    ...DRUG_REFERRED,
    unit: "percent",
    stage: "referred",
    direction: "neutral",
    condition: "c.offense_category = 'drug' and c.drug_level = 'sale'",
  },
  {
    key: "drug_filed",
    kind: "case",
    nameEn: "Drug cases filed",
    nameEs: "Casos de drogas presentados",
    definitionEn: "Referred non-violent drug case participants against whom charges were filed, as a share of drug referrals.",
    definitionEs: "Participantes en casos de drogas no violentos remitidos contra quienes se presentaron cargos, como proporción de las remisiones de drogas.",
    numeratorEn: "Drug referrals with a filing date",
    numeratorEs: "Remisiones de drogas con fecha de presentación",
    ...DRUG_REFERRED,
    unit: "percent",
    stage: "filed",
    direction: "down",
    condition: "c.offense_category = 'drug' and c.filed_date is not null",
  },
  {
    key: "drug_filed_concern",
    kind: "case",
    nameEn: "Drug filings citing a documented community concern",
    nameEs: "Casos de drogas presentados citando una preocupación comunitaria documentada",
    definitionEn: "Drug filings whose recorded grounds under the charging policy are a documented community concern, as a share of drug referrals.",
    definitionEs:
      "Casos de drogas presentados cuyo fundamento registrado según la política de acusación es una preocupación comunitaria documentada, como proporción de las remisiones de drogas.",
    numeratorEn: "Drug filings with grounds community_concern",
    numeratorEs: "Casos de drogas presentados con fundamento community_concern",
    ...DRUG_REFERRED,
    unit: "percent",
    stage: "filed",
    direction: "neutral",
    condition: "c.offense_category = 'drug' and c.filed_date is not null and c.filing_grounds = 'community_concern'",
  },
  {
    key: "drug_filed_violence",
    kind: "case",
    nameEn: "Drug filings citing a connection to violence",
    nameEs: "Casos de drogas presentados citando una conexión con la violencia",
    definitionEn: "Drug filings whose recorded grounds under the charging policy are a demonstrable connection to violence, as a share of drug referrals.",
    definitionEs:
      "Casos de drogas presentados cuyo fundamento registrado según la política de acusación es una conexión demostrable con la violencia, como proporción de las remisiones de drogas.",
    numeratorEn: "Drug filings with grounds violence_connection",
    numeratorEs: "Casos de drogas presentados con fundamento violence_connection",
    ...DRUG_REFERRED,
    unit: "percent",
    stage: "filed",
    direction: "neutral",
    condition: "c.offense_category = 'drug' and c.filed_date is not null and c.filing_grounds = 'violence_connection'",
  },
  {
    key: "drug_filed_unrecorded",
    kind: "case",
    nameEn: "Drug filings with no grounds recorded",
    nameEs: "Casos de drogas presentados sin fundamento registrado",
    definitionEn:
      "Drug filings for which the data records neither a documented community concern nor a connection to violence (mostly before the 2023 policy), as a share of drug referrals.",
    definitionEs:
      "Casos de drogas presentados para los que los datos no registran ni una preocupación comunitaria documentada ni una conexión con la violencia (sobre todo antes de la política de 2023), como proporción de las remisiones de drogas.",
    numeratorEn: "Drug filings with no filing_grounds",
    numeratorEs: "Casos de drogas presentados sin filing_grounds",
    ...DRUG_REFERRED,
    unit: "percent",
    stage: "filed",
    direction: "neutral",
    condition: "c.offense_category = 'drug' and c.filed_date is not null and c.filing_grounds is null",
  },
  {
    key: "drug_declined",
    kind: "case",
    nameEn: "Drug cases declined",
    nameEs: "Casos de drogas rechazados",
    definitionEn: "Referred non-violent drug case participants the office declined to charge, as a share of drug referrals.",
    definitionEs:
      "Participantes en casos de drogas no violentos remitidos a quienes la fiscalía decidió no acusar, como proporción de las remisiones de drogas.",
    numeratorEn: "Drug referrals with a declination date",
    numeratorEs: "Remisiones de drogas con fecha de rechazo",
    ...DRUG_REFERRED,
    unit: "percent",
    stage: "declined",
    direction: "neutral",
    condition: "c.offense_category = 'drug' and c.declined_date is not null",
  },
  {
    key: "drug_firearm",
    kind: "case",
    nameEn: "Drug cases with a firearm recovered",
    nameEs: "Casos de drogas con arma de fuego recuperada",
    definitionEn: "Referred non-violent drug case participants in whose case a firearm was recovered, as a share of drug referrals.",
    definitionEs:
      "Participantes en casos de drogas no violentos remitidos en cuyo caso se recuperó un arma de fuego, como proporción de las remisiones de drogas.",
    numeratorEn: "Drug referrals with a firearm recovered",
    numeratorEs: "Remisiones de drogas con arma de fuego recuperada",
    ...DRUG_REFERRED,
    unit: "percent",
    stage: "referred",
    direction: "neutral",
    condition: "c.offense_category = 'drug' and c.firearm_recovered",
  },
  {
    key: "p4p_referrals",
    kind: "program",
    nameEn: "Partners for Peace referrals",
    nameEs: "Remisiones a Partners for Peace",
    definitionEn:
      "People referred by the office to the Partners for Peace violence-interruption program, against the yearly target (500 referrals a year). Counts only: no records of individuals are kept.",
    definitionEs:
      "Personas remitidas por la fiscalía al programa de interrupción de la violencia Partners for Peace, frente a la meta anual (500 remisiones al año). Solo cifras: no se guardan registros individuales.",
    numeratorEn: "Referrals made in the period",
    numeratorEs: "Remisiones hechas en el período",
    unit: "count",
    direction: "up",
    yearlyTarget: 500,
  },
  {
    key: "firearm_cases",
    kind: "program",
    nameEn: "Firearms cases filed",
    nameEs: "Casos de armas de fuego presentados",
    definitionEn: "Cases filed by the office's firearms unit (unlawful use or possession of a weapon, shootings), by month filed.",
    definitionEs: "Casos presentados por la unidad de armas de fuego de la fiscalía (uso o posesión ilegal de armas, tiroteos), por mes de presentación.",
    numeratorEn: "Firearms cases filed in the period",
    numeratorEs: "Casos de armas de fuego presentados en el período",
    unit: "count",
    direction: "neutral",
  },
  {
    key: "dismissed",
    kind: "case",
    nameEn: "Cases dismissed",
    nameEs: "Casos desestimados",
    definitionEn: "Referred case participants whose case was disposed of by dismissal, as a share of those whose case reached a disposition.",
    definitionEs: "Participantes remitidos cuyo caso se resolvió con una desestimación, como proporción de aquellos cuyo caso llegó a una resolución.",
    numeratorEn: "Referred case participants with disposition dismissed",
    numeratorEs: "Participantes remitidos con resolución de desestimación",
    denominatorKey: "disposed",
    denominatorEn: "Referred case participants with a disposition in the period",
    denominatorEs: "Participantes remitidos con resolución en el período",
    unit: "percent",
    stage: "disposed",
    direction: "neutral",
    condition: "c.disposed_date is not null and c.disposition = 'dismissed'",
  },
  {
    key: "firearm_under_18",
    kind: "case",
    nameEn: "Firearms recovered from people under 18",
    nameEs: "Armas de fuego recuperadas a menores de 18 años",
    definitionEn:
      "Referred case participants under 18 in whose case a firearm was recovered, by the year the referral was received. Yearly totals only: no months and no breakdown are offered (the counts are small).",
    definitionEs:
      "Participantes remitidos menores de 18 años en cuyo caso se recuperó un arma de fuego, según el año en que se recibió la remisión. Solo totales anuales: no se ofrecen meses ni desglose (las cifras son pequeñas).",
    numeratorEn: "Referred case participants under 18 with a firearm recovered",
    numeratorEs: "Participantes remitidos menores de 18 años con arma de fuego recuperada",
    unit: "count",
    stage: "referred",
    direction: "down",
    condition: "c.firearm_recovered and c.age_band = 'under_18'",
  },
  {
    key: "firearm_federal",
    kind: "program",
    nameEn: "Illegal-possession firearms cases sent to federal prosecution",
    nameEs: "Casos de posesión ilegal de armas de fuego enviados a la fiscalía federal",
    definitionEn:
      "Illegal firearm possession cases the office and police sent to the U.S. Attorney for federal prosecution, by the month sent. Counts only, as reported by the office.",
    definitionEs:
      "Casos de posesión ilegal de armas de fuego que la fiscalía y la policía enviaron a la Fiscalía Federal para su procesamiento, por mes de envío. Solo cifras, según las reporta la fiscalía.",
    numeratorEn: "Cases sent to federal prosecution in the period",
    numeratorEs: "Casos enviados a la fiscalía federal en el período",
    unit: "count",
    direction: "neutral",
  },
  {
    key: "firearm_local",
    kind: "program",
    nameEn: "Illegal-possession firearms cases sent to local prosecution",
    nameEs: "Casos de posesión ilegal de armas de fuego enviados a la fiscalía local",
    definitionEn:
      "Illegal firearm possession cases sent to local prosecutors (the county office and municipal courts) rather than to federal prosecution, by the month sent. Counts only, as reported by the office.",
    definitionEs:
      "Casos de posesión ilegal de armas de fuego enviados a fiscales locales (la fiscalía del condado y los tribunales municipales) en lugar de a la fiscalía federal, por mes de envío. Solo cifras, según las reporta la fiscalía.",
    numeratorEn: "Cases sent to local prosecution in the period",
    numeratorEs: "Casos enviados a la fiscalía local en el período",
    unit: "count",
    direction: "neutral",
  },
  // Concerns in the loop: residents' concerns counted by the year they were received (a cohort,
  // like the case measures), then how many of them were documented, cited in a charging decision
  // and answered by a published office response. Counted by the concerns, policies and responses
  // modules (responses/loop.server.ts), published here with everything else.
  {
    key: "concerns_received",
    kind: "concern",
    nameEn: "Community concerns received",
    nameEs: "Inquietudes de la comunidad recibidas",
    definitionEn:
      "Concerns residents reported through the portal or Open311, by the year they were received (yearly figures only). A report merged into another as a duplicate, or removed by moderators, is not counted.",
    definitionEs:
      "Inquietudes que los residentes reportaron en el portal o por Open311, según el año en que se recibieron (solo cifras anuales). No se cuenta un reporte unido a otro como duplicado ni uno retirado por los moderadores.",
    numeratorEn: "Concerns received in the period",
    numeratorEs: "Inquietudes recibidas en el período",
    unit: "count",
    direction: "neutral",
  },
  {
    key: "concerns_documented",
    kind: "concern",
    nameEn: "Concerns documented",
    nameEs: "Inquietudes documentadas",
    definitionEn:
      "Of the concerns received in the period, those the office documented under the drug-charging policy (so that a prosecutor may cite them), as a share of the concerns received.",
    definitionEs:
      "De las inquietudes recibidas en el período, las que la fiscalía documentó según la política de acusación por drogas (para que un fiscal pueda citarlas), como proporción de las recibidas.",
    numeratorEn: "Concerns received in the period and documented",
    numeratorEs: "Inquietudes recibidas en el período y documentadas",
    denominatorKey: "concerns_received",
    denominatorEn: "Concerns received in the period",
    denominatorEs: "Inquietudes recibidas en el período",
    unit: "percent",
    direction: "neutral",
  },
  {
    key: "concerns_cited",
    kind: "concern",
    nameEn: "Concerns cited in a charging decision",
    nameEs: "Inquietudes citadas en una decisión de acusación",
    definitionEn:
      "Of the concerns received in the period and documented, those a prosecutor cited in a charging decision (to file or to decline a drug case), as a share of the documented ones. County-wide only.",
    definitionEs:
      "De las inquietudes recibidas en el período y documentadas, las que un fiscal citó en una decisión de acusación (presentar o declinar un caso de drogas), como proporción de las documentadas. Solo para todo el condado.",
    numeratorEn: "Documented concerns cited in a charging decision",
    numeratorEs: "Inquietudes documentadas citadas en una decisión de acusación",
    denominatorKey: "concerns_documented",
    denominatorEn: "Concerns received in the period and documented",
    denominatorEs: "Inquietudes recibidas en el período y documentadas",
    unit: "percent",
    direction: "neutral",
  },
  {
    key: "concerns_responded",
    kind: "concern",
    nameEn: "Concerns answered by an office response",
    nameEs: "Inquietudes respondidas por la fiscalía",
    definitionEn: "Of the concerns received in the period, those a published office response answers, as a share of the concerns received.",
    definitionEs: "De las inquietudes recibidas en el período, las que responde una respuesta publicada de la fiscalía, como proporción de las recibidas.",
    numeratorEn: "Concerns received in the period and answered",
    numeratorEs: "Inquietudes recibidas en el período y respondidas",
    denominatorKey: "concerns_received",
    denominatorEn: "Concerns received in the period",
    denominatorEs: "Inquietudes recibidas en el período",
    unit: "percent",
    direction: "up",
  },
  {
    key: "population",
    kind: "context",
    nameEn: "Resident population",
    nameEs: "Población residente",
    definitionEn: "County resident population by race and ethnicity (synthetic), the base for referral rates in the disparity view.",
    definitionEs: "Población residente del condado por raza y etnia (sintética), la base de las tasas de remisión en la vista de disparidad.",
    numeratorEn: "Residents",
    numeratorEs: "Residentes",
    unit: "count",
    direction: "neutral",
  },
];

export const CASE_MEASURES = MEASURES.filter((m) => m.kind === "case");
/** The concern loop's stages, in order (received → documented → cited → answered). */
export const CONCERN_LOOP_MEASURES = ["concerns_received", "concerns_documented", "concerns_cited", "concerns_responded"] as const;
export type ConcernLoopMeasure = (typeof CONCERN_LOOP_MEASURES)[number];
