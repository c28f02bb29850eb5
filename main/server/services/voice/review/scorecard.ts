// The review scorecard, versioned as a whole: every save is a new version and a review keeps the version
// it was scored on, so editing the criteria never rewrites what was already scored.
import { z } from 'zod';
import { Scorecard, ScorecardCriterion, type ScorecardCriterionInput, type ScorecardSaveInput } from '../../../../../common/api/review.ts';
import type { Db } from '../../../db/client.ts';
import { ServiceError } from '../../../errors.ts';
import { audit } from '../../audit/audit.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { isUniqueViolation } from '../../inboundApi/idempotency.ts';

/** What a new workspace scores on until a supervisor edits it: the brand's voice first, then the service. */
export const DEFAULT_CRITERIA: ScorecardCriterionInput[] = [
  { id: 'greeting', name: { ru: 'Приветствие', en: 'Greeting' }, weight: 10, ruleKinds: ['greeting_required'] },
  { id: 'formal_address', name: { ru: 'Обращение на «Вы»', en: 'Formal address' }, weight: 15, ruleKinds: ['formal_address'] },
  { id: 'no_forbidden_words', name: { ru: 'Без запрещённых слов', en: 'No forbidden words' }, weight: 15, ruleKinds: ['forbidden_phrase'] },
  { id: 'empathy', name: { ru: 'Эмпатия', en: 'Empathy' }, weight: 15 },
  { id: 'accuracy', name: { ru: 'Точность ответа', en: 'Accuracy' }, weight: 20 },
  { id: 'resolution', name: { ru: 'Решение вопроса', en: 'Resolution' }, weight: 15 },
  { id: 'signoff', name: { ru: 'Завершение', en: 'Sign-off' }, weight: 10, ruleKinds: ['signoff_required'] },
];

const StoredCriteria = z.array(ScorecardCriterion);

type ScorecardDb = Pick<Db, 'scorecardVersion'>;

const parseRow = (row: { version: number; criteria: string }): Scorecard => Scorecard.parse({ version: row.version, criteria: StoredCriteria.parse(JSON.parse(row.criteria)) });

/** The scorecard in force; the first call in a new workspace stores the default as version 1. */
export async function currentScorecard(db: ScorecardDb): Promise<Scorecard> {
  const row = await db.scorecardVersion.findFirst({ orderBy: { version: 'desc' } });
  if (row) return parseRow(row);
  try {
    return parseRow(await db.scorecardVersion.create({ data: { version: 1, criteria: JSON.stringify(StoredCriteria.parse(DEFAULT_CRITERIA)) } }));
  } catch (error) {
    // Two first reads at once: the other one stored it.
    if (isUniqueViolation(error)) return currentScorecard(db);
    throw error;
  }
}

/** The versions the given reviews were scored on. */
export async function scorecardVersions(db: ScorecardDb, versions: Iterable<number>): Promise<Map<number, Scorecard>> {
  const rows = await db.scorecardVersion.findMany({ where: { version: { in: [...new Set(versions)] } } });
  return new Map(rows.map((row) => [row.version, parseRow(row)]));
}

export async function saveScorecard(db: Db, viewer: Viewer, input: z.output<typeof ScorecardSaveInput>): Promise<Scorecard> {
  const current = await currentScorecard(db);
  if (input.basedOnVersion !== current.version) {
    throw new ServiceError('CONFLICT', `The scorecard was changed meanwhile (version ${current.version}); reload it and edit again`);
  }
  const version = current.version + 1;
  try {
    const row = await db.scorecardVersion.create({ data: { version, criteria: JSON.stringify(input.criteria), createdById: viewer.userId } });
    await audit(db, viewer, { action: 'scorecard.save', subjectType: 'scorecard', subjectId: String(version), details: { criteria: input.criteria.map((c) => ({ id: c.id, weight: c.weight })) } });
    return parseRow(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ServiceError('CONFLICT', 'Someone saved the scorecard at the same moment; reload it and edit again');
    throw error;
  }
}
