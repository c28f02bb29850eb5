// The brand's own length limit for a channel, under the channel's hard limit: characters, or SMS segments
// (each one is billed). The underline starts at the first character past the limit.
import { checkLength } from '../../templates/limits.ts';
import { messageKey, type RuleCompiler } from '../rule.ts';

export const maxLength: RuleCompiler<'max_length'> = (rule) => {
  const limit = rule.unit === 'sms_segments' ? ({ unit: 'segments', max: rule.max } as const) : ({ unit: 'chars', max: rule.max } as const);
  return (text) => {
    const { overflowAt, used } = checkLength(text, limit);
    if (overflowAt === null) return [];
    return [
      {
        start: overflowAt,
        end: text.length,
        messageKey: messageKey('max_length', rule.unit === 'sms_segments' ? 'segments' : 'chars'),
        params: { count: rule.max, used },
        fix: null,
      },
    ];
  };
};
