// The brand-voice rule set, versioned as a whole: every save (or restore) is a new VoiceRuleSetVersion
// and the highest one is in force. A workspace starts with the default set of «Ампер», stored as version
// 1 on the first read so the history and a restore can reach it. The set in force is compiled once per
// version and cached per database: every reply is linted with it on send.
import { z } from 'zod';
import { VoiceRuleSet, type VoiceRule } from '../../../../common/api/voice.ts';
import type { VoiceRulesRestoreInput, VoiceRulesSaveInput, VoiceRulesVersionSummary } from '../../../../common/api/voiceRules.ts';
import { can } from '../../../../common/domain/policy.ts';
import { DEFAULT_VOICE_RULES } from '../../../../common/domain/voice/defaultRules.ts';
import { compileRules, type Linter } from '../../../../common/domain/voice/lint.ts';
import { fieldErrors } from '../../../../common/result.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, ServiceError } from '../../errors.ts';
import { audit } from '../audit/audit.ts';
import type { Viewer } from '../auth/viewer.ts';
import { isUniqueViolation } from '../inboundApi/idempotency.ts';

export interface RulesInForce {
  ruleSet: VoiceRuleSet;
  lint: Linter;
}

// The history counts the rules without checking each one again.
const StoredList = z.array(z.unknown());

/** How many versions the history lists: years of weekly edits. */
const HISTORY_LIMIT = 200;

// Keyed by the client object, so each hub (and each test's database) has its own; a save replaces the entry.
const cache = new WeakMap<Db, Promise<RulesInForce>>();

const inForce = (ruleSet: VoiceRuleSet): RulesInForce => ({ ruleSet, lint: compileRules(ruleSet.rules) });

function parseRow(row: { version: number; rules: string }): VoiceRuleSet {
  const parsed = VoiceRuleSet.safeParse({ version: row.version, rules: JSON.parse(row.rules) });
  // Every stored version passed this schema on save; failing now means the schema changed under it.
  if (!parsed.success) throw new ServiceError('INTERNAL', `Voice rule set version ${row.version} no longer parses: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

async function loadInForce(db: Db): Promise<VoiceRuleSet> {
  const row = await db.voiceRuleSetVersion.findFirst({ orderBy: { version: 'desc' } });
  if (row) return parseRow(row);
  try {
    const created = await db.voiceRuleSetVersion.create({ data: { version: DEFAULT_VOICE_RULES.version, rules: JSON.stringify(DEFAULT_VOICE_RULES.rules) } });
    return parseRow(created);
  } catch (error) {
    // Two first reads at once: the other one stored it.
    if (isUniqueViolation(error)) return loadInForce(db);
    throw error;
  }
}

/** The rule set in force with its compiled linter. */
export function rulesInForce(db: Db): Promise<RulesInForce> {
  let entry = cache.get(db);
  if (!entry) {
    entry = loadInForce(db).then(inForce);
    // A failed read is not kept: the next call tries again.
    entry.catch(() => cache.delete(db));
    cache.set(db, entry);
  }
  return entry;
}

export async function readRules(db: Db, viewer: Viewer): Promise<VoiceRuleSet> {
  // Agents lint with the rules; supervisors edit them.
  if (!can(viewer.role, 'conversations.read') && !can(viewer.role, 'voice.manage')) throw forbidden();
  return (await rulesInForce(db)).ruleSet;
}

/** Stores `rules` as the next version, checked whole (rule ids are unique) and against the version the editor started from. */
async function storeVersion(
  db: Db,
  viewer: Viewer,
  change: { rules: readonly VoiceRule[]; note: string | null; expectedVersion: number | undefined; now: Date },
): Promise<VoiceRuleSet> {
  const { rules, note, expectedVersion, now } = change;
  const { ruleSet: current } = await rulesInForce(db);
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new ServiceError('CONFLICT', `The brand-voice rules were changed meanwhile (now version ${current.version}); reload them and edit again`);
  }
  const version = current.version + 1;
  const checked = VoiceRuleSet.safeParse({ version, rules });
  if (!checked.success) {
    const fields = fieldErrors(checked.error);
    throw new ServiceError('BAD_REQUEST', `The rules are not valid: ${fields[0]?.path} ${fields[0]?.message}`, fields);
  }
  try {
    await db.voiceRuleSetVersion.create({ data: { version, rules: JSON.stringify(checked.data.rules), note, createdById: viewer.userId, createdAt: now } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ServiceError('CONFLICT', 'Someone saved the brand-voice rules at the same moment; reload them and edit again');
    throw error;
  }
  cache.set(db, Promise.resolve(inForce(checked.data)));
  return checked.data;
}

export async function saveRules(db: Db, viewer: Viewer, input: z.output<typeof VoiceRulesSaveInput>, now: Date): Promise<VoiceRuleSet> {
  const saved = await storeVersion(db, viewer, { rules: input.rules, note: input.note ?? null, expectedVersion: input.expectedVersion, now });
  await audit(db, viewer, {
    action: 'voice.rules.save',
    subjectType: 'voice_rules',
    subjectId: String(saved.version),
    details: { ruleCount: saved.rules.length, note: input.note ?? null },
  });
  return saved;
}

export async function restoreRules(db: Db, viewer: Viewer, input: z.output<typeof VoiceRulesRestoreInput>, now: Date): Promise<VoiceRuleSet> {
  const row = await db.voiceRuleSetVersion.findUnique({ where: { version: input.version } });
  if (!row) throw new ServiceError('NOT_FOUND', `There is no version ${input.version} of the brand-voice rules`, [{ path: 'version', message: 'not found' }]);
  const restored = await storeVersion(db, viewer, { rules: parseRow(row).rules, note: input.note ?? null, expectedVersion: input.expectedVersion, now });
  await audit(db, viewer, {
    action: 'voice.rules.restore',
    subjectType: 'voice_rules',
    subjectId: String(restored.version),
    details: { restoredFrom: input.version, ruleCount: restored.rules.length },
  });
  return restored;
}

export async function rulesHistory(db: Db): Promise<VoiceRulesVersionSummary[]> {
  // Version 1 exists once the rules were read; the history starts there.
  await rulesInForce(db);
  const rows = await db.voiceRuleSetVersion.findMany({ orderBy: { version: 'desc' }, take: HISTORY_LIMIT });
  const authorIds = [...new Set(rows.flatMap((row) => (row.createdById ? [row.createdById] : [])))];
  const authors = new Map((await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u]));
  return rows.map((row) => ({
    version: row.version,
    savedAt: row.createdAt.toISOString(),
    savedBy: row.createdById ? (authors.get(row.createdById) ?? { id: row.createdById, displayName: row.createdById }) : null,
    note: row.note,
    ruleCount: StoredList.parse(JSON.parse(row.rules)).length,
  }));
}
