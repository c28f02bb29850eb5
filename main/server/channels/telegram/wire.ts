// The subset of the Telegram Bot API we speak (Update, Message, API responses) and its mapping onto our
// channel contract. Unknown fields are stripped, so Telegram adding some breaks nothing.
import { z } from 'zod';
import type { InboundMessage } from '../../../../common/api/channels.ts';

const Id = z.number().int();

export const TelegramUser = z.object({
  id: Id,
  is_bot: z.boolean().optional(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

export const TelegramChat = z.object({
  id: Id,
  // A string, not an enum: a chat type Telegram adds later is ignored, not a rejected update.
  type: z.string(),
});

export const TelegramPhotoSize = z.object({
  file_id: z.string().min(1),
  file_unique_id: z.string().min(1),
  width: z.number().int(),
  height: z.number().int(),
  file_size: z.number().int().nonnegative().optional(),
});

export const TelegramDocument = z.object({
  file_id: z.string().min(1),
  file_unique_id: z.string().min(1).optional(),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
  file_size: z.number().int().nonnegative().optional(),
});

export const TelegramContact = z.object({
  phone_number: z.string().min(1),
  first_name: z.string(),
  last_name: z.string().optional(),
  user_id: Id.optional(),
});

export const TelegramMessage = z.object({
  message_id: Id,
  // Absent in channel posts; present in every private chat.
  from: TelegramUser.optional(),
  chat: TelegramChat,
  date: z.number().int().nonnegative(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(TelegramPhotoSize).optional(),
  document: TelegramDocument.optional(),
  contact: TelegramContact.optional(),
});
export type TelegramMessage = z.output<typeof TelegramMessage>;

export const TelegramUpdate = z.object({
  update_id: Id,
  // Only `message` is asked for (allowed_updates); edits, callbacks and the rest parse as "no message".
  message: TelegramMessage.optional(),
});
export type TelegramUpdate = z.output<typeof TelegramUpdate>;

export const BotApiFailure = z.object({
  ok: z.literal(false),
  error_code: z.number().int(),
  description: z.string().default('no description'),
  parameters: z.object({ retry_after: z.number().nonnegative().optional() }).optional(),
});

export const botApiSuccess = <T extends z.ZodType>(result: T) => z.object({ ok: z.literal(true), result });

/** Message ids count per chat, so only the pair names a message; inbound and sent ids share this form. */
export const telegramMessageId = (chatId: number, messageId: number) => `${chatId}:${messageId}`;

/** A file the customer sent; the hub downloads it (getFile) later, so only Telegram's handle is kept now. */
export interface TelegramAttachment {
  telegramFileId: string;
  fileName: string;
  mimeType: string;
  size: number | null;
}

function attachmentsOf(message: TelegramMessage): TelegramAttachment[] {
  const files: TelegramAttachment[] = [];
  // Telegram sends one photo in several sizes, smallest first: the last is the original.
  const photo = message.photo?.at(-1);
  if (photo) {
    // Telegram re-encodes every photo as JPEG and gives it no name.
    files.push({ telegramFileId: photo.file_id, fileName: `photo_${photo.file_unique_id}.jpg`, mimeType: 'image/jpeg', size: photo.file_size ?? null });
  }
  const document = message.document;
  if (document) {
    files.push({
      telegramFileId: document.file_id,
      fileName: document.file_name ?? `document_${document.file_unique_id ?? document.file_id.slice(0, 16)}`,
      mimeType: document.mime_type ?? 'application/octet-stream',
      size: document.file_size ?? null,
    });
  }
  return files;
}

const fullName = (first: string | undefined, last: string | undefined) => [first, last].filter(Boolean).join(' ').trim();

/** Throws a ZodError for a malformed update; null for one we do not take (no message, not a private chat). */
export function updateToMessage(payload: unknown, accountId: string): InboundMessage | null {
  const { message, update_id } = TelegramUpdate.parse(payload);
  // Groups and channels are not customer conversations: one chat there is many people.
  if (!message || message.chat.type !== 'private') return null;
  const chatId = message.chat.id;
  const displayName = message.from ? fullName(message.from.first_name, message.from.last_name).slice(0, 200) : '';
  const attachments = attachmentsOf(message);
  const contact = message.contact;
  return {
    channel: 'telegram',
    channelAccountId: accountId,
    providerMessageId: telegramMessageId(chatId, message.message_id),
    // In a private chat the chat id is the user's id, and it is what a reply is sent to.
    from: { kind: 'telegram', value: String(chatId), ...(displayName ? { displayName } : {}) },
    body: message.text ?? message.caption ?? '',
    content: [...(message.photo?.length ? (['photo'] as const) : []), ...(message.document ? (['document'] as const) : []), ...(contact ? (['contact'] as const) : [])],
    sentAt: new Date(message.date * 1000),
    threadKeys: [`telegram-chat:${chatId}`],
    meta: {
      updateId: update_id,
      ...(message.from?.username ? { username: message.from.username } : {}),
      ...(message.from?.language_code ? { languageCode: message.from.language_code } : {}),
      // Not `attachments`: ingest stores downloaded files under that key and would overwrite these.
      ...(attachments.length > 0 ? { telegramAttachments: attachments } : {}),
      ...(contact
        ? {
            sharedContact: {
              phone: contact.phone_number,
              firstName: contact.first_name,
              lastName: contact.last_name ?? null,
              userId: contact.user_id ?? null,
              // Their own number (the "share my phone" button) is stronger evidence than someone else's card.
              isSender: contact.user_id !== undefined && contact.user_id === message.from?.id,
            },
          }
        : {}),
    },
  };
}
