// The web chat channel: visitors write from the widget over the hub's `/visitor` socket.io namespace
// (namespace.ts); agents' replies leave through the outbox and are pushed to the visitor's open tabs.
import { z } from 'zod';
import { Locale } from '../../../../common/domain/enums.ts';
import type { ChannelAdapter, OutboundMessage } from '../contract.ts';
import { PermanentSendError } from '../contract.ts';
import { WebchatConfig } from './config.ts';
import { outboundProviderId, VISITOR_LINK_TTL_MS } from './history.ts';
import { replyByEmail } from './mail.ts';
import { deliverToVisitor, visitorConnected } from './namespace.ts';
import { registerWebchatRoutes } from './routes.ts';
import { isVisitorId } from './tokens.ts';

export { registerVisitorNamespace, sendAgentTyping, visitorConnected, type VisitorNamespaceDeps } from './namespace.ts';
export { WebchatConfig } from './config.ts';

/** The pre-chat form the namespace stores in each inbound message's meta (already normalised there). */
const StoredPreChat = z.object({ preChat: z.object({ email: z.email().nullish(), locale: Locale }) });

/** The visitor's form as of their latest message, when that message came from this visitor. */
function visitorForm(visitorId: string, lastInbound: OutboundMessage['lastInbound']) {
  // After a merge the customer's latest web chat message may be another visitor's, with another address.
  if (!lastInbound?.providerMessageId?.startsWith(`${visitorId}:`)) return null;
  const parsed = StoredPreChat.safeParse(lastInbound.meta);
  return parsed.success ? parsed.data.preChat : null;
}

export const webchatAdapter: ChannelAdapter<WebchatConfig> = {
  kind: 'webchat',
  configSchema: WebchatConfig,
  secretFields: ['tokenSecret'],
  // A socket emit, no provider in between: the outbox should never be what slows a chat down.
  ratePerSecond: 1000,
  registerRoutes(app, _ctx, accounts) {
    registerWebchatRoutes(app, accounts);
  },
  async send(account, message) {
    if (!isVisitorId(message.to)) throw new PermanentSendError(`Not a web chat visitor: ${message.to.slice(0, 40)}`);
    const providerMessageId = outboundProviderId(message.to, message.messageId);
    // Links only this visitor's browser gets; history signs fresh ones on every load.
    const files = (message.attachments ?? []).map((file) => ({ fileName: file.fileName, size: file.size, url: file.link(`visitor:${message.to}`, VISITOR_LINK_TTL_MS) }));
    if (visitorConnected(account.id, message.to)) {
      deliverToVisitor(account.id, message.to, { id: message.messageId, text: message.body, at: new Date().toISOString(), ...(files.length > 0 ? { files } : {}) });
      return { providerMessageId };
    }
    // Succeeds with nobody connected: the reply is stored and the visitor's next visit loads it from history.
    // A visitor who left an e-mail also gets a copy there, as the offline form promised; one who left only
    // a phone reads it on return (SMS would cost per message and the form never offered it).
    const form = visitorForm(message.to, message.lastInbound);
    if (!form?.email) return { providerMessageId };
    const mail = replyByEmail(form.locale, account.config.title[form.locale], message.body);
    return { providerMessageId, forward: { channel: 'email', to: form.email, ...mail } };
  },
};
