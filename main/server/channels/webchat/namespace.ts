// The visitors' socket.io namespace. The handshake names the chat (account) and, after a reload, carries
// the visitor's token; embedding sites are checked against the account's allowed origins. Every command
// answers through its ack with a Result, so the widget can always say what went wrong.
import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import {
  ChatHello,
  HistoryQuery,
  PreChatForm,
  TypingEvent,
  VISITOR_NAMESPACE,
  VisitorAuth,
  VisitorMessage,
  type AgentMessage,
  type VisitorClientToServer,
  type VisitorServerToClient,
} from '../../../../common/api/webchat.ts';
import { fail, fieldErrors, ok, type ErrorCode, type Result } from '../../../../common/result.ts';
import type { Db } from '../../db/client.ts';
import { ServiceError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { ChannelContext } from '../contract.ts';
import type { WebchatConfig } from './config.ts';
import { inboundProviderId, loadHistory, type LinkSigner } from './history.ts';
import { windowLimiter } from './limits.ts';
import { issueVisitorToken, newVisitorId, verifyVisitorToken } from './tokens.ts';

interface VisitorData {
  accountId: string;
  visitorId: string | null;
  preChat: PreChatForm | null;
}

type VisitorNamespace = Namespace<VisitorClientToServer, VisitorServerToClient, Record<string, never>, VisitorData>;
type VisitorSocket = Socket<VisitorClientToServer, VisitorServerToClient, Record<string, never>, VisitorData>;

export interface VisitorNamespaceDeps {
  ctx: ChannelContext;
  accounts: () => Array<{ id: string; config: WebchatConfig }>;
  db: Db;
  log: Logger;
  isAgentOnline: () => boolean;
  /** Calls the listener whenever agents come online or all leave; returns how to stop. */
  watchAgentsOnline: (listener: (online: boolean) => void) => () => void;
  /** A visitor started or stopped typing; the hub forwards it to the desks showing that conversation. */
  onVisitorTyping?: (event: { accountId: string; visitorId: string; typing: boolean }) => void;
  /** Signs links to files agents attached, for the visitor's history. */
  linkFor?: LinkSigner;
  now?: () => number;
}

const MINUTE = 60_000;
/** A visitor typing produces an event per keystroke; desks need to hear it at most this often. */
const TYPING_EVERY_MS = 1_000;

// Adapters are plain objects without the io server, so the adapter's send reaches visitors through the
// namespaces registered here (one per running hub; tests may run several).
const live = new Set<VisitorNamespace>();

const visitorRoom = (accountId: string, visitorId: string) => `visitor:${accountId}:${visitorId}`;

/** Whether the visitor has the chat open in any tab right now. */
export function visitorConnected(accountId: string, visitorId: string): boolean {
  for (const nsp of live) if ((nsp.adapter.rooms.get(visitorRoom(accountId, visitorId))?.size ?? 0) > 0) return true;
  return false;
}

/** Pushes an agent's reply to every tab the visitor has open; offline visitors get it from history. */
export function deliverToVisitor(accountId: string, visitorId: string, message: AgentMessage): void {
  for (const nsp of live) nsp.to(visitorRoom(accountId, visitorId)).emit('agent.message', message);
}

export function sendAgentTyping(accountId: string, visitorId: string, typing = true): void {
  for (const nsp of live) nsp.to(visitorRoom(accountId, visitorId)).emit('agent.typing', { typing });
}

/** A handshake refusal the client sees as `connect_error` with `message` = the code and `data` = the Result error. */
function refusal(code: ErrorCode, message: string): Error {
  return Object.assign(new Error(code), { data: { code, message } });
}

function originAllowed(headers: Record<string, string | string[] | undefined>, config: WebchatConfig): boolean {
  const origin = headers.origin;
  if (typeof origin !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  // Same origin as the hub itself: the demo page it serves.
  if (parsed.host === headers.host) return true;
  return config.allowedOrigins.includes(parsed.origin);
}

/** Registers the namespace on the hub's io server; returns how to unregister it (before io.close()). */
export function registerVisitorNamespace(io: { of(name: string): unknown }, deps: VisitorNamespaceDeps): () => void {
  const { ctx, db, log } = deps;
  // The hub's io is typed for desks; this namespace speaks the visitor protocol instead.
  const nsp = io.of(VISITOR_NAMESPACE) as VisitorNamespace;
  const connections = windowLimiter(MINUTE, deps.now);
  const messages = windowLimiter(MINUTE, deps.now);
  const account = (id: string) => deps.accounts().find((a) => a.id === id);

  nsp.use((socket, next) => {
    const auth = VisitorAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return next(refusal('BAD_REQUEST', 'The handshake must name the chat (accountId)'));
    const chat = account(auth.data.accountId);
    if (!chat) return next(refusal('NOT_FOUND', 'Unknown web chat'));
    const ip = socket.handshake.address;
    if (!connections.take(`${chat.id}|${ip}`, chat.config.maxConnectionsPerMinutePerIp)) {
      log.warn({ accountId: chat.id, ip }, 'web chat connections rate-limited');
      return next(refusal('RATE_LIMITED', 'Too many connections; try again in a minute'));
    }
    if (!originAllowed(socket.handshake.headers, chat.config)) {
      log.warn({ accountId: chat.id, origin: socket.handshake.headers.origin ?? null }, 'web chat embedded by a site not allowed');
      return next(refusal('FORBIDDEN', 'This site may not embed the chat'));
    }
    let visitorId: string | null = null;
    if (auth.data.token !== undefined) {
      visitorId = verifyVisitorToken(chat.config.tokenSecret, auth.data.token);
      if (!visitorId) return next(refusal('UNAUTHENTICATED', 'Invalid visitor token'));
    }
    // The form kept beside the token is as untrusted as when first sent: reparsed, dropped if invalid.
    const preChat = visitorId ? PreChatForm.safeParse(auth.data.preChat) : null;
    socket.data = { accountId: chat.id, visitorId, preChat: preChat?.success ? preChat.data : null };
    next();
  });

  nsp.on('connection', (socket) => {
    if (socket.data.visitorId) void socket.join(visitorRoom(socket.data.accountId, socket.data.visitorId));
    const command = commandHandler(socket, log);

    socket.on(
      'chat.hello',
      command(ChatHello, async ({ locale }) => {
        const chat = account(socket.data.accountId);
        if (!chat) return fail('NOT_FOUND', 'This web chat has been switched off');
        const { title, greeting, offlineMessage } = chat.config;
        return ok({
          title: title[locale],
          greeting: greeting[locale],
          offlineMessage: offlineMessage[locale],
          agentsOnline: deps.isAgentOnline(),
          identified: socket.data.visitorId !== null,
        });
      }),
    );

    socket.on(
      'prechat.submit',
      command(PreChatForm, async (form) => {
        const chat = account(socket.data.accountId);
        if (!chat) return fail('NOT_FOUND', 'This web chat has been switched off');
        // With nobody online the reply goes by e-mail, so a phone alone would leave the visitor unanswered.
        if (!form.email && !deps.isAgentOnline()) {
          return fail('BAD_REQUEST', 'No agent is online: give an e-mail for the reply', [{ path: 'email', message: 'an e-mail is required while no agent is online' }]);
        }
        // A visitor who already has a token keeps their id (and history): only the form is updated.
        const visitorId = socket.data.visitorId ?? newVisitorId();
        socket.data.visitorId = visitorId;
        socket.data.preChat = form;
        void socket.join(visitorRoom(chat.id, visitorId));
        return ok({ token: issueVisitorToken(chat.config.tokenSecret, visitorId) });
      }),
    );

    socket.on(
      'message.send',
      command(VisitorMessage, async ({ clientId, text }) => {
        const { accountId, visitorId, preChat } = socket.data;
        const chat = account(accountId);
        if (!chat) return fail('NOT_FOUND', 'This web chat has been switched off');
        if (!visitorId) return fail('UNAUTHENTICATED', 'Fill in the form before writing');
        if (!messages.take(`${accountId}|${visitorId}`, chat.config.maxMessagesPerMinutePerVisitor)) {
          return fail('RATE_LIMITED', 'You are sending messages too fast; wait a minute');
        }
        // Acknowledged only after the commit: a visitor whose ack never came resends with the same clientId.
        const stored = await ctx.ingest({
          channel: 'webchat',
          channelAccountId: accountId,
          providerMessageId: inboundProviderId(visitorId, clientId),
          from: { kind: 'webchat', value: visitorId, ...(preChat ? { displayName: preChat.name } : {}) },
          body: text,
          // Weak evidence for the merge suggestions queue, never an automatic link.
          meta: preChat ? { preChat } : {},
        });
        return ok({ id: stored.messageId, duplicate: stored.duplicate });
      }),
    );

    socket.on(
      'history.load',
      command(HistoryQuery, async ({ before }) => {
        const { visitorId } = socket.data;
        if (!visitorId) return ok({ items: [], before: null });
        return ok(await loadHistory(db, visitorId, before, deps.linkFor));
      }),
    );

    let lastTyping = 0;
    socket.on('typing', (payload: unknown) => {
      const event = TypingEvent.safeParse(payload);
      const { accountId, visitorId } = socket.data;
      if (!event.success || !visitorId || !deps.onVisitorTyping) return;
      const at = (deps.now ?? Date.now)();
      if (event.data.typing && at - lastTyping < TYPING_EVERY_MS) return;
      lastTyping = event.data.typing ? at : 0;
      deps.onVisitorTyping({ accountId, visitorId, typing: event.data.typing });
    });
  });

  // Desks come and go on the hub's main namespace: open widgets switch to or from "leave a message" at once.
  const stopWatching = deps.watchAgentsOnline((online) => nsp.emit('agents.online', { online }));

  live.add(nsp);
  return () => {
    stopWatching();
    live.delete(nsp);
  };
}

/** Parses the payload, runs the command and acks its Result; failures become error results, never silence. */
function commandHandler(socket: VisitorSocket, log: Logger) {
  return <S extends z.ZodType, R>(schema: S, run: (input: z.output<S>) => Promise<Result<R>>) =>
    (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        ack(fail('BAD_REQUEST', 'Check the highlighted fields', fieldErrors(parsed.error)));
        return;
      }
      run(parsed.data).then(
        (result) => ack(result),
        (error: unknown) => {
          if (error instanceof ServiceError) return ack(fail(error.code, error.message, error.fields));
          log.error({ err: error, accountId: socket.data.accountId }, 'web chat command failed');
          ack(fail('INTERNAL', 'Something went wrong; try again'));
        },
      );
    };
}
