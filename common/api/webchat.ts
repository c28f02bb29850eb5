// The web chat visitor protocol: what the embeddable widget and the hub's `/visitor` socket.io namespace
// say to each other. Visitors are anonymous and untrusted, so every payload is parsed here first.
import { z } from 'zod';
import { normalizeEmail, normalizePhone } from '../domain/contacts.ts';
import { Locale } from '../domain/enums.ts';
import type { Result } from '../result.ts';

export const VISITOR_NAMESPACE = '/visitor';

/** The pre-chat form. Its e-mail and phone are the visitor's say-so: never linked to a profile automatically. */
export const PreChatForm = z
  .object({
    name: z.string().trim().min(1).max(80),
    email: z.string().trim().max(320).optional(),
    phone: z.string().trim().max(40).optional(),
    consentService: z.literal(true, 'consent to the processing of personal data is required'),
    consentMarketing: z.boolean().optional(),
    locale: Locale,
  })
  .transform((form, ctx) => {
    const email = form.email ? normalizeEmail(form.email) : null;
    const phone = form.phone ? normalizePhone(form.phone) : null;
    if (form.email && !email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'not a valid e-mail address' });
    if (form.phone && !phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'not a valid phone number' });
    if (!form.email && !form.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'an e-mail or a phone is required' });
    return { ...form, email, phone, consentMarketing: form.consentMarketing ?? false };
  });
export type PreChatFormInput = z.input<typeof PreChatForm>;
export type PreChatForm = z.output<typeof PreChatForm>;

/** The handshake's `auth`: which chat, and the visitor's token (with the form it was issued for) after a reload. */
export const VisitorAuth = z.object({
  accountId: z.string().min(1).max(100),
  token: z.string().max(200).optional(),
  preChat: z.unknown().optional(),
});
export type VisitorAuth = z.input<typeof VisitorAuth>;

export const ChatHello = z.object({ locale: Locale });
export type ChatHello = z.infer<typeof ChatHello>;

export interface ChatWelcome {
  title: string;
  greeting: string;
  offlineMessage: string;
  agentsOnline: boolean;
  /** The handshake carried a valid token: the visitor skips the pre-chat form. */
  identified: boolean;
}

export const VisitorMessage = z.object({
  /** A uuid the widget makes per message: resending it (after a dropped ack) stores nothing twice. */
  clientId: z.uuid(),
  text: z.string().trim().min(1).max(4000),
});
export type VisitorMessage = z.infer<typeof VisitorMessage>;

export const TypingEvent = z.object({ typing: z.boolean() });
export type TypingEvent = z.infer<typeof TypingEvent>;

export const HistoryQuery = z.object({ before: z.string().max(200).optional() });
export type HistoryQuery = z.infer<typeof HistoryQuery>;

/** A file an agent attached, as a signed link on the hub (relative: the widget resolves it against the hub). */
export interface ChatFile {
  fileName: string;
  size: number;
  url: string;
}

export interface ChatItem {
  id: string;
  from: 'visitor' | 'agent';
  text: string;
  files?: ChatFile[];
  /** ISO instant. */
  at: string;
  /** The widget's id of a visitor message, so an optimistic copy is not shown twice. */
  clientId?: string;
}

export interface HistoryPage {
  /** Oldest first. */
  items: ChatItem[];
  /** Pass as `before` for the next older page; null when there is none. */
  before: string | null;
}

export interface AgentMessage {
  id: string;
  text: string;
  at: string;
  files?: ChatFile[];
}

export interface VisitorClientToServer {
  'chat.hello': (input: ChatHello, ack: (result: Result<ChatWelcome>) => void) => void;
  'prechat.submit': (form: PreChatFormInput, ack: (result: Result<{ token: string }>) => void) => void;
  'message.send': (message: VisitorMessage, ack: (result: Result<{ id: string; duplicate: boolean }>) => void) => void;
  'history.load': (query: HistoryQuery, ack: (result: Result<HistoryPage>) => void) => void;
  typing: (event: TypingEvent) => void;
}

export interface VisitorServerToClient {
  'agent.message': (message: AgentMessage) => void;
  'agent.typing': (event: TypingEvent) => void;
  'agents.online': (event: { online: boolean }) => void;
}
