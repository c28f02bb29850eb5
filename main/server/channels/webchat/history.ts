// A visitor's chat history: their webchat messages in both directions, newest page first. Selected by the
// visitor id prefix of the provider id rather than by customer alone, so once a profile is merged with
// others a visitor still sees only what was said in their own browser.
import { z } from 'zod';
import type { ChatFile, ChatItem, HistoryPage } from '../../../../common/api/webchat.ts';
import type { Db } from '../../db/client.ts';

export const PAGE_SIZE = 50;

/** Provider ids: `<visitorId>:<clientId>` inbound, `<visitorId>:out:<messageId>` outbound. */
export const inboundProviderId = (visitorId: string, clientId: string) => `${visitorId}:${clientId}`;
export const outboundProviderId = (visitorId: string, messageId: string) => `${visitorId}:out:${messageId}`;

const encodeCursor = (at: Date, id: string) => `${at.getTime()}_${id}`;

function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const match = /^(\d{1,15})_([\w-]{1,100})$/.exec(cursor);
  return match ? { at: new Date(Number(match[1])), id: match[2]! } : null;
}

/** How long a file link given to a visitor works; reopening the chat signs new ones. */
export const VISITOR_LINK_TTL_MS = 60 * 60_000;

export type LinkSigner = (file: { sha256: string; fileName: string }, sub: string, ttlMs: number) => string;

const FileList = z.object({
  attachments: z.array(z.object({ fileName: z.string(), size: z.number(), sha256: z.string() })).catch([]),
});

function filesOf(meta: string | null, visitorId: string, linkFor: LinkSigner | undefined): ChatFile[] {
  if (!linkFor || !meta) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(meta);
  } catch {
    return [];
  }
  return FileList.parse(parsed ?? {}).attachments.map((file) => ({ fileName: file.fileName, size: file.size, url: linkFor(file, `visitor:${visitorId}`, VISITOR_LINK_TTL_MS) }));
}

export async function loadHistory(db: Db, visitorId: string, before?: string, linkFor?: LinkSigner): Promise<HistoryPage> {
  const identity = await db.contactIdentity.findUnique({
    where: { kind_normalized: { kind: 'webchat', normalized: visitorId } },
    select: { customerId: true },
  });
  if (!identity) return { items: [], before: null };
  const cursor = before ? decodeCursor(before) : null;
  const rows = await db.message.findMany({
    where: {
      customerId: identity.customerId,
      channel: 'webchat',
      providerMessageId: { startsWith: `${visitorId}:` },
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: PAGE_SIZE + 1,
    select: { id: true, direction: true, body: true, createdAt: true, providerMessageId: true, meta: true },
  });
  const page = rows.slice(0, PAGE_SIZE);
  const items = page.reverse().map((row): ChatItem => {
    const item: ChatItem = { id: row.id, from: row.direction === 'inbound' ? 'visitor' : 'agent', text: row.body, at: row.createdAt.toISOString() };
    if (row.direction === 'inbound') item.clientId = row.providerMessageId!.slice(visitorId.length + 1);
    else {
      const files = filesOf(row.meta, visitorId, linkFor);
      if (files.length > 0) item.files = files;
    }
    return item;
  });
  const oldest = items[0];
  return { items, before: rows.length > PAGE_SIZE && oldest ? encodeCursor(new Date(oldest.at), oldest.id) : null };
}
