// The web chat channel: visitors write from the widget over the hub's `/visitor` socket.io namespace
// (namespace.ts); agents' replies leave through the outbox and are pushed to the visitor's open tabs.
import type { ChannelAdapter } from '../contract.ts';
import { PermanentSendError } from '../contract.ts';
import { WebchatConfig } from './config.ts';
import { outboundProviderId } from './history.ts';
import { deliverToVisitor } from './namespace.ts';
import { registerWebchatRoutes } from './routes.ts';
import { isVisitorId } from './tokens.ts';

export { registerVisitorNamespace, sendAgentTyping, type VisitorNamespaceDeps } from './namespace.ts';
export { buildWidget } from './build.ts';
export { WebchatConfig } from './config.ts';

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
    // Succeeds with nobody connected: the reply is stored, and the visitor's next visit loads it from history.
    deliverToVisitor(account.id, message.to, { id: message.messageId, text: message.body, at: new Date().toISOString() });
    return { providerMessageId: outboundProviderId(message.to, message.messageId) };
  },
};
