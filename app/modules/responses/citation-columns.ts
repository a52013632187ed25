/** The columns of the drug-filings table; shared by the server query and the page (so not in a .server file). */
export const CITATION_COLUMNS = ["filedDocumentedConcern", "filedConnectionToViolence", "declined"] as const;
