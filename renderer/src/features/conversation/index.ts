// The conversation pane of the agent's desk (rendered by the inbox at /inbox/:conversationId).
export { ConversationPane } from './ConversationPane.tsx';
