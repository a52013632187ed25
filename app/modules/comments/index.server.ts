// The comments module's public surface on the server: other code imports from here, never deeper.
export { handleCommentAction, isCommentIntent } from "./actions.server";
export { commentThreadFor, commentsForRecords, searchableComments, visibleCommentSubject } from "./queries.server";
export { createComment, moderateComment } from "./service.server";
