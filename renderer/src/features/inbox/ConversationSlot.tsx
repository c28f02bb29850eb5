// The right side of the inbox at /inbox/:conversationId: the conversation pane (features/conversation).
import { useParams } from 'react-router';
import { ConversationPane } from '../conversation/ConversationPane.tsx';

export function ConversationSlot() {
  const { conversationId } = useParams();
  if (!conversationId) return null;
  return <ConversationPane key={conversationId} conversationId={conversationId} />;
}
