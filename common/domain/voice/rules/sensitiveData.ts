// No payment card numbers or passport details in a message: they end up in mailboxes, SMS logs and
// screenshots. A card is 13–19 digits (single spaces or dashes between them allowed) that pass the Luhn
// check, outside the prefixes listed as our own (the loyalty cards are Luhn-valid too); a passport is
// 4 + 6 digits within a few words after «паспорт» / "passport". The fix masks all but the last four digits.
import { messageKey, MAX_FINDINGS_PER_RULE, type RuleCompiler, type RuleFinding } from '../rule.ts';

const CARD = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;
const PASSPORT = /(?<![\p{L}])(?:паспорт|passport)[\p{L}\s:.,№#-]{0,30}?(\d{2} ?\d{2}[ №-]{0,3}\d{6})(?!\d)/giu;

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Every digit but the last four replaced by "*", separators kept: "**** **** **** 1234". */
function mask(value: string): string {
  let toKeep = 4;
  const chars = value.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!/\d/.test(chars[i] as string)) continue;
    if (toKeep > 0) toKeep -= 1;
    else chars[i] = '*';
  }
  return chars.join('');
}

export const sensitiveData: RuleCompiler<'sensitive_data'> = (rule) => (text) => {
  const findings: RuleFinding[] = [];
  const flag = (start: number, value: string, variant: 'card' | 'passport') =>
    findings.push({
      start,
      end: start + value.length,
      messageKey: messageKey('sensitive_data', variant),
      params: { lastDigits: value.replace(/\D/g, '').slice(-4) },
      fix: { start, end: start + value.length, replacement: mask(value) },
    });

  if (rule.cards) {
    for (const m of text.matchAll(CARD)) {
      const digits = m[0].replace(/\D/g, '');
      if (rule.ignorePrefixes.some((prefix) => digits.startsWith(prefix)) || !passesLuhn(digits)) continue;
      flag(m.index, m[0], 'card');
      if (findings.length >= MAX_FINDINGS_PER_RULE) return findings;
    }
  }
  if (rule.passports) {
    for (const m of text.matchAll(PASSPORT)) {
      const number = m[1] as string;
      flag(m.index + m[0].length - number.length, number, 'passport');
      if (findings.length >= MAX_FINDINGS_PER_RULE) break;
    }
  }
  return findings.sort((a, b) => a.start - b.start);
};
