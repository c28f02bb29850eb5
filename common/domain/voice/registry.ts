// One compiler per rule kind. A new kind is one file in rules/ and one line here (and its schema in
// common/api/voice.ts).
import type { VoiceRuleKind } from '../../api/voice.ts';
import type { RuleCompiler } from './rule.ts';
import { capsWords } from './rules/capsWords.ts';
import { customPattern } from './rules/customPattern.ts';
import { emoji } from './rules/emoji.ts';
import { exclamationLimit } from './rules/exclamationLimit.ts';
import { forbiddenPhrase } from './rules/forbiddenPhrase.ts';
import { formalAddress } from './rules/formalAddress.ts';
import { maxLength } from './rules/maxLength.ts';
import { greetingRequired, signoffRequired } from './rules/requiredPhrase.ts';
import { sensitiveData } from './rules/sensitiveData.ts';

export const RULE_COMPILERS: { [K in VoiceRuleKind]: RuleCompiler<K> } = {
  formal_address: formalAddress,
  forbidden_phrase: forbiddenPhrase,
  exclamation_limit: exclamationLimit,
  caps_words: capsWords,
  emoji,
  greeting_required: greetingRequired,
  signoff_required: signoffRequired,
  max_length: maxLength,
  sensitive_data: sensitiveData,
  custom_pattern: customPattern,
};
