// The analyses module's public surface on the server: other code imports from here, never deeper.
export { analysisActivityInYear, analysisTitles, getAnalysis, listAnalyses, listPipeline } from "./queries.server";
export { analysisIdParam, readerLocale } from "./request.server";
export { changeAnalysisVoteSettings, decideAnalysis, openAnalysisVote, proposeAnalysis, recuseFromAnalysis, voteOnAnalysis } from "./service.server";
export type { AnalysisVoteOutcome, BallotKind } from "./service.server";
