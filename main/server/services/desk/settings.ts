// Workspace settings stored per key in the Setting table and validated by their schema when read, so a
// hand-edited or older value falls back to defaults field by field instead of breaking the desk.
import { DeskSettings } from '../../../../common/api/desk.ts';
import type { Db } from '../../db/client.ts';
import { audit } from '../audit/audit.ts';
import type { Viewer } from '../auth/viewer.ts';

const DESK_KEY = 'desk';

// Read on every inbox page and push: kept per database connection and replaced when saved through here.
const cache = new WeakMap<Db, DeskSettings>();

export async function readDeskSettings(db: Db): Promise<DeskSettings> {
  const cached = cache.get(db);
  if (cached) return cached;
  const settings = await loadDeskSettings(db);
  cache.set(db, settings);
  return settings;
}

async function loadDeskSettings(db: Db): Promise<DeskSettings> {
  const row = await db.setting.findUnique({ where: { key: DESK_KEY } });
  let stored: unknown = {};
  try {
    stored = row ? JSON.parse(row.value) : {};
  } catch {
    stored = {};
  }
  const parsed = DeskSettings.safeParse(stored);
  return parsed.success ? parsed.data : DeskSettings.parse({});
}

/** When a first response is due: the conversation's start plus its channel's target; null once answered or without a target. */
export function firstResponseDue(settings: DeskSettings, conversation: { channel: string; createdAt: Date; firstResponseAt: Date | null }): Date | null {
  if (conversation.firstResponseAt) return null;
  const minutes = settings.firstResponseMinutes[conversation.channel as keyof DeskSettings['firstResponseMinutes']];
  return minutes ? new Date(conversation.createdAt.getTime() + minutes * 60_000) : null;
}

export async function saveDeskSettings(db: Db, viewer: Viewer, settings: DeskSettings): Promise<DeskSettings> {
  const value = JSON.stringify(DeskSettings.parse(settings));
  await db.setting.upsert({ where: { key: DESK_KEY }, create: { key: DESK_KEY, value, updatedById: viewer.userId }, update: { value, updatedById: viewer.userId } });
  await audit(db, viewer, { action: 'settings.desk.save', subjectType: 'setting', subjectId: DESK_KEY, details: settings });
  cache.delete(db);
  return readDeskSettings(db);
}
