// Per-channel form descriptions for Settings → Channels: which settings each kind has (dotted paths into
// `settings`, so `imap.host` is sent nested and its hub error arrives as `settings.imap.host`) and which
// secrets it takes. Secrets are write-only: the form never holds a stored value, only what the admin types.
import type { ChannelAccountView } from '../../../../common/api/channelSettings.ts';
import type { Channel } from '../../../../common/domain/enums.ts';
import type ruSettings from '../../locales/ru/settings.json';

/** A label (and hint) key under `settings:Field.` / `settings:Hint.`. */
export type FieldLabel = keyof (typeof ruSettings)['Field'];
export type FieldHint = keyof (typeof ruSettings)['Hint'];

export type SettingField =
  | { type: 'text'; path: string; label: FieldLabel; hint?: FieldHint; input?: 'text' | 'url' | 'email' | 'tel'; required?: boolean; placeholder?: string }
  | { type: 'number'; path: string; label: FieldLabel; hint?: FieldHint; required?: boolean; placeholder?: string }
  | { type: 'checkbox'; path: string; label: FieldLabel; defaultValue: boolean }
  | { type: 'select'; path: string; label: FieldLabel; hint?: FieldHint; options: readonly string[]; defaultValue: string }
  /** A list of strings typed as one per line or comma-separated. */
  | { type: 'list'; path: string; label: FieldLabel; hint?: FieldHint; separator: 'line' | 'comma'; required?: boolean; placeholder?: string };

export interface SettingGroup {
  /** A fieldset legend; absent for the ungrouped fields at the top. */
  legend?: FieldLabel;
  fields: SettingField[];
}

export interface SecretField {
  name: string;
  label: FieldLabel;
  /** Needed before the channel can work; only enforced while it is not set yet. */
  required?: boolean;
}

export interface ChannelForm {
  groups: SettingGroup[];
  secrets: SecretField[];
}

export const channelForms: Record<Channel, ChannelForm> = {
  sms: {
    groups: [
      {
        fields: [
          { type: 'text', path: 'accountSid', label: 'accountSid', hint: 'accountSid', required: true, placeholder: 'AC…' },
          { type: 'text', path: 'fromNumber', label: 'fromNumber', input: 'tel', required: true, placeholder: '+7 900 000-00-00' },
          { type: 'text', path: 'apiBaseUrl', label: 'apiBaseUrl', input: 'url', hint: 'smsApiBaseUrl', placeholder: 'https://api.twilio.com' },
          { type: 'text', path: 'webhookBaseUrl', label: 'webhookBaseUrl', input: 'url', hint: 'webhookBaseUrl', required: true, placeholder: 'https://' },
        ],
      },
    ],
    secrets: [{ name: 'authToken', label: 'authToken', required: true }],
  },
  telegram: {
    groups: [
      {
        fields: [
          { type: 'select', path: 'mode', label: 'mode', hint: 'mode', options: ['polling', 'webhook'], defaultValue: 'polling' },
          { type: 'text', path: 'apiBaseUrl', label: 'apiBaseUrl', input: 'url', hint: 'telegramApiBaseUrl', placeholder: 'https://api.telegram.org' },
        ],
      },
    ],
    secrets: [
      { name: 'botToken', label: 'botToken', required: true },
      { name: 'webhookSecret', label: 'webhookSecret' },
    ],
  },
  email: {
    groups: [
      {
        fields: [
          { type: 'text', path: 'address', label: 'address', input: 'email', required: true, placeholder: 'support@example.ru' },
          { type: 'text', path: 'displayName', label: 'displayName', required: true },
        ],
      },
      {
        legend: 'imap',
        fields: [
          { type: 'text', path: 'imap.host', label: 'host', required: true, placeholder: 'imap.example.ru' },
          { type: 'number', path: 'imap.port', label: 'port', placeholder: '993' },
          { type: 'text', path: 'imap.user', label: 'user', required: true },
          { type: 'checkbox', path: 'imap.secure', label: 'secure', defaultValue: true },
          { type: 'list', path: 'imap.mailboxes', label: 'mailboxes', hint: 'mailboxes', separator: 'comma', placeholder: 'INBOX' },
        ],
      },
      {
        legend: 'smtp',
        fields: [
          { type: 'text', path: 'smtp.host', label: 'host', required: true, placeholder: 'smtp.example.ru' },
          { type: 'number', path: 'smtp.port', label: 'port', placeholder: '465' },
          { type: 'text', path: 'smtp.user', label: 'user' },
          { type: 'checkbox', path: 'smtp.secure', label: 'secure', defaultValue: true },
        ],
      },
    ],
    secrets: [
      { name: 'imapPassword', label: 'imapPassword', required: true },
      { name: 'smtpPassword', label: 'smtpPassword' },
    ],
  },
  webchat: {
    groups: [
      {
        fields: [
          { type: 'list', path: 'allowedOrigins', label: 'allowedOrigins', hint: 'allowedOrigins', separator: 'line', placeholder: 'https://shop.example.ru' },
        ],
      },
      {
        legend: 'widgetRu',
        fields: [
          { type: 'text', path: 'title.ru', label: 'title' },
          { type: 'text', path: 'greeting.ru', label: 'greeting' },
        ],
      },
      {
        legend: 'widgetEn',
        fields: [
          { type: 'text', path: 'title.en', label: 'title' },
          { type: 'text', path: 'greeting.en', label: 'greeting' },
        ],
      },
    ],
    secrets: [{ name: 'tokenSecret', label: 'tokenSecret' }],
  },
  api: { groups: [], secrets: [] },
};

export const allFields = (form: ChannelForm): SettingField[] => form.groups.flatMap((group) => group.fields);

/** The secrets to offer: the kind's own, plus any other the hub says this account has. */
export function secretsFor(kind: Channel, account: ChannelAccountView | null): SecretField[] {
  const known = channelForms[kind].secrets;
  const extra = (account?.secretFields ?? [])
    .filter((name) => !known.some((s) => s.name === name))
    .map((name): SecretField => ({ name, label: 'otherSecret' }));
  return [...known, ...extra];
}

export type DraftValue = string | boolean;
/** Form state: setting values by dotted path (strings as typed, booleans for checkboxes). */
export type SettingsDraft = Record<string, DraftValue>;

function getPath(source: Record<string, unknown>, path: string): unknown {
  let current: unknown = source;
  for (const part of path.split('.')) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let current = target;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (!next || typeof next !== 'object' || Array.isArray(next)) current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1]!;
  if (value === undefined) delete current[last];
  else current[last] = value;
}

/** What the form shows for stored settings (or the defaults for a new account). */
export function draftFromSettings(kind: Channel, settings: Record<string, unknown>): SettingsDraft {
  const draft: SettingsDraft = {};
  for (const field of allFields(channelForms[kind])) {
    const stored = getPath(settings, field.path);
    switch (field.type) {
      case 'checkbox':
        draft[field.path] = typeof stored === 'boolean' ? stored : field.defaultValue;
        break;
      case 'select':
        draft[field.path] = typeof stored === 'string' && field.options.includes(stored) ? stored : field.defaultValue;
        break;
      case 'list':
        draft[field.path] = Array.isArray(stored) ? stored.map(String).join(field.separator === 'line' ? '\n' : ', ') : '';
        break;
      default:
        draft[field.path] = stored === undefined || stored === null ? '' : String(stored);
    }
  }
  return draft;
}

/**
 * The `settings` to send: the stored ones (so settings this form does not show survive an edit) with the
 * form's values laid over them; an empty optional field is left out so the hub's default applies.
 */
export function settingsFromDraft(kind: Channel, draft: SettingsDraft, stored: Record<string, unknown> = {}): Record<string, unknown> {
  const settings = structuredClone(stored);
  for (const field of allFields(channelForms[kind])) {
    const value = draft[field.path];
    switch (field.type) {
      case 'checkbox':
        setPath(settings, field.path, value === true);
        break;
      case 'number': {
        const text = String(value ?? '').trim();
        const number = Number(text);
        setPath(settings, field.path, text === '' ? undefined : Number.isFinite(number) ? number : text);
        break;
      }
      case 'list': {
        const items = String(value ?? '')
          .split(field.separator === 'line' ? /\r?\n/ : /[,\n]/)
          .map((item) => item.trim())
          .filter(Boolean);
        setPath(settings, field.path, items.length ? items : undefined);
        break;
      }
      default: {
        const text = String(value ?? '').trim();
        setPath(settings, field.path, text === '' ? undefined : text);
      }
    }
  }
  return settings;
}

/** Only the secrets the admin typed: an empty one keeps its stored value and is not sent at all. */
export function secretsFromDraft(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
}

/** Required fields left empty, as field errors with the paths the hub would use. */
export function missingRequired(kind: Channel, draft: SettingsDraft, secrets: Record<string, string>, secretsSet: readonly string[]) {
  const missing: Array<{ path: string; message: string }> = [];
  for (const field of allFields(channelForms[kind])) {
    if (field.type === 'checkbox' || field.type === 'select' || !field.required) continue;
    if (String(draft[field.path] ?? '').trim() === '') missing.push({ path: `settings.${field.path}`, message: 'required' });
  }
  for (const secret of channelForms[kind].secrets) {
    if (secret.required && !secretsSet.includes(secret.name) && !secrets[secret.name]) missing.push({ path: `secrets.${secret.name}`, message: 'required' });
  }
  return missing;
}

